package io.segmentsascode.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.load.DocumentKind;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YNode;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.load.YSeq;
import io.segmentsascode.load.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks documents against the JSON Schemas shipped in the jar (the same files editors use for
 * completion) and turns each violation into a message located at the offending key or value.
 */
public final class SchemaValidator {

    private static final BigDecimal LONG_RANGE = BigDecimal.valueOf(Long.MAX_VALUE);

    public static final String SCHEMA_RESOURCES = "io/segmentsascode/schemas/";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.nodeReader(reader -> reader.jsonMapper(
                    JsonMapper.builder().nodeFactory(new SchemaNodeFactory()).build())));
    private final Map<DocumentKind, Schema> schemas = new EnumMap<>(DocumentKind.class);
    private final Map<String, JsonNode> rawSchemas = new ConcurrentHashMap<>();

    public SchemaValidator() {
        for (DocumentKind kind : DocumentKind.values()) {
            String file = kind.schemaFile(1);
            schemas.put(kind, registry.getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCES + file)));
        }
    }

    public List<Diagnostic> validate(YamlDocument document) {
        List<Error> errors = schemas.get(document.kind()).validate(toJson(document.root()));
        if (errors.isEmpty()) {
            return List.of();
        }
        // only a document with errors needs the way back from JSON pointers to YAML positions
        Map<String, YNode> byPointer = new HashMap<>();
        pointers(document.root(), "", byPointer);
        List<Diagnostic> diagnostics = new ArrayList<>();
        errors.stream()
                .filter(e -> isRootChoice(document, e) ? "oneOf".equals(e.getKeyword()) : !isSuperseded(e, errors))
                .sorted(Comparator.comparing(
                                (Error e) -> e.getInstanceLocation().toString())
                        .thenComparing(Error::getMessage))
                .forEach(e -> diagnostics.add(describe(document, e, byPointer)));
        return diagnostics.stream().distinct().toList();
    }

    /**
     * oneOf/if-then failures repeat what their branches already said; report the branch errors,
     * unless the composite is all there is (then it gets its own message).
     */
    private static boolean isSuperseded(Error error, List<Error> all) {
        String keyword = error.getKeyword();
        if (!"oneOf".equals(keyword) && !"if".equals(keyword) && !"then".equals(keyword) && !"else".equals(keyword)) {
            return false;
        }
        String path = error.getInstanceLocation().toString();
        return all.stream()
                .anyMatch(other -> other != error
                        && !"oneOf".equals(other.getKeyword())
                        && other.getInstanceLocation().toString().startsWith(path));
    }

    /**
     * A segment's top-level oneOf (rfm xor rules) and the errors of its branches: only the oneOf
     * itself is reported, as its branches say "must not be valid to the schema {...}".
     */
    private static boolean isRootChoice(YamlDocument document, Error error) {
        return document.kind() == DocumentKind.SEGMENT
                && error.getInstanceLocation().getNameCount() == 0
                && error.getEvaluationPath().toString().startsWith("/oneOf");
    }

    private Diagnostic describe(YamlDocument document, Error error, Map<String, YNode> byPointer) {
        String pointer = pointerOf(error);
        YNode node = byPointer.getOrDefault(pointer, document.root());
        String where = pointer.isEmpty() ? "" : "'" + pointer.substring(1).replace('/', '.') + "' ";
        Location location = node.location();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        switch (keyword) {
            case "additionalProperties": {
                String key = error.getProperty();
                if (node instanceof YMap map) {
                    location = map.entry(key).map(YMap.Entry::keyLocation).orElse(location);
                }
                List<String> allowed = allowedKeys(error);
                String hint = Suggestions.closest(key, allowed)
                        .map(s -> "did you mean '" + s + "'?")
                        .orElse(
                                allowed.isEmpty()
                                        ? "remove it"
                                        : "remove it; allowed keys: " + String.join(", ", allowed));
                return Diagnostic.error(
                        location, "unknown key '" + key + "'" + (where.isEmpty() ? "" : " in " + where.trim()), hint);
            }
            case "required":
                return Diagnostic.error(
                        location,
                        "missing required key '" + error.getProperty() + "'"
                                + (where.isEmpty() ? "" : " in " + where.trim()),
                        "add '" + error.getProperty() + ":'");
            case "type":
                return Diagnostic.error(
                        location,
                        where + "must be " + expectedType(error) + ", found " + node.describe(),
                        "write " + example(expectedType(error)));
            case "enum":
                if (isNestedType(node)) {
                    return Diagnostic.error(
                            location,
                            where + "has type " + node.describe() + ", but output"
                                    + " contracts hold scalar columns only (ARRAY and STRUCT are for warehouse.yaml columns)",
                            "output one scalar per column (e.g. a value read with UNNEST), using one of: "
                                    + enumValues(error));
                }
                return Diagnostic.error(
                        location,
                        where + "has value " + node.describe() + ", which is not allowed",
                        "use one of: " + enumValues(error));
            case "const":
                return Diagnostic.error(
                        location,
                        where + "has value " + node.describe() + ", which is not allowed",
                        "use " + error.getSchemaNode());
            case "pattern":
                return Diagnostic.error(
                        location, where + "value " + node.describe() + " has the wrong format", patternHint(error));
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                return Diagnostic.error(
                        location,
                        where + "value " + node.describe() + " is out of range",
                        "it must be " + rangeText(keyword, error.getSchemaNode()));
            case "minItems", "minProperties", "minLength":
                return Diagnostic.error(location, where + "is empty", "give at least one entry");
            case "uniqueItems":
                return Diagnostic.error(location, where + "lists the same value twice", "remove the duplicate");
            case "oneOf":
                if (pointer.isEmpty() && document.kind() == DocumentKind.SEGMENT && node instanceof YMap map) {
                    return segmentKind(map);
                }
                return Diagnostic.error(
                        location, where + "matches none or several of the allowed shapes", error.getMessage());
            default:
                return Diagnostic.error(
                        location,
                        where + error.getMessage(),
                        "see the schema " + document.kind().schemaFile(1));
        }
    }

    /** Says which of the four ways to define a segment is missing, doubled or incomplete. */
    private static Diagnostic segmentKind(YMap segment) {
        List<String> kinds = new ArrayList<>();
        for (String kind : List.of("rfm", "rules", "intent", "sql")) {
            if (segment.entries().containsKey(kind)) {
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty()) {
            return Diagnostic.error(
                    segment.location(),
                    "segment defines none of 'rfm', 'rules', 'intent' or 'sql'",
                    "add one of them to say how members are computed");
        }
        if (kinds.size() > 1) {
            Location second = segment.entry(kinds.get(1)).orElseThrow().keyLocation();
            return Diagnostic.error(
                    second,
                    "segment defines both '" + kinds.get(0) + "' and '" + kinds.get(1) + "'",
                    "keep exactly one of 'rfm', 'rules', 'intent' or 'sql'");
        }
        String kind = kinds.get(0);
        Location at = segment.entry(kind).orElseThrow().keyLocation();
        if (!segment.entries().containsKey("columns")) {
            return Diagnostic.error(
                    at,
                    "an '" + kind + "' segment needs 'columns:', its output contract",
                    "add e.g. columns: {user_id: STRING, premium_views: INT64}");
        }
        if (segment.entries().containsKey("where")) {
            return Diagnostic.error(
                    segment.entry("where").orElseThrow().keyLocation(),
                    "'where' applies to rfm and rules segments only",
                    "state the condition in the " + kind + " itself");
        }
        return Diagnostic.error(
                at,
                "'columns' applies to intent and sql segments only",
                "remove 'columns'; rfm and rules segments have fixed outputs");
    }

    private static String pointerOf(Error error) {
        StringBuilder pointer = new StringBuilder();
        var path = error.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(path.getElement(i));
        }
        return pointer.toString();
    }

    private List<String> allowedKeys(Error error) {
        // the schema location points at ".../additionalProperties"; its parent lists the properties
        Optional<JsonNode> parent = schemaNodeAt(error.getSchemaLocation().toString(), 1);
        TreeSet<String> keys = new TreeSet<>();
        parent.map(p -> p.get("properties"))
                .ifPresent(props -> props.propertyNames().forEach(keys::add));
        return List.copyOf(keys);
    }

    private static String expectedType(Error error) {
        JsonNode schemaNode = error.getSchemaNode();
        String type = schemaNode == null ? "" : schemaNode.asString();
        return switch (type) {
            case "object" -> "a mapping (key: value lines)";
            case "array" -> "a list";
            case "string" -> "text";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> type;
        };
    }

    private static String example(String expected) {
        return switch (expected) {
            case "a list" -> "a list such as [a, b] or '- a' lines";
            case "a mapping (key: value lines)" -> "indented 'key: value' lines below the key, without '- '";
            case "text" -> "text (quote it if it looks like a number or true/false)";
            case "a whole number" -> "a number without quotes, e.g. 30";
            case "a number" -> "a number without quotes, e.g. 0.08";
            case "true or false" -> "true or false without quotes";
            default -> expected;
        };
    }

    private static boolean isNestedType(YNode node) {
        if (!(node instanceof YScalar scalar)) {
            return false;
        }
        String text = scalar.text().strip().toUpperCase(Locale.ROOT);
        return text.startsWith("ARRAY<") || text.startsWith("STRUCT<");
    }

    private static String enumValues(Error error) {
        JsonNode values = error.getSchemaNode();
        List<String> names = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> names.add(v.asString()));
        }
        return String.join(", ", names);
    }

    private Optional<JsonNode> schemaNodeAt(String schemaLocation, int dropLast) {
        int hash = schemaLocation.indexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        String file = schemaLocation.substring(schemaLocation.lastIndexOf('/', hash) + 1, hash);
        String[] parts = schemaLocation.substring(hash + 1).split("/");
        JsonNode node = rawSchema(file);
        for (int i = 1; i < parts.length - dropLast && node != null; i++) {
            node = node.get(parts[i].replace("~1", "/").replace("~0", "~"));
        }
        return Optional.ofNullable(node);
    }

    /** Only hints about a document with errors read the schema files themselves: build the mapper then. */
    private static final class SchemaFiles {
        static final ObjectMapper JSON = JsonMapper.builder().build();
    }

    private JsonNode rawSchema(String file) {
        return rawSchemas.computeIfAbsent(file, f -> {
            try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCES + f)) {
                return in == null ? null : SchemaFiles.JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String patternHint(Error error) {
        String pattern =
                error.getSchemaNode() == null ? "" : error.getSchemaNode().asString();
        if (pattern.contains("@")) {
            return "write an email address such as growth@example.com";
        }
        if (pattern.startsWith("^[0-9]{3}-")) {
            return "write the Google Ads customer id as \"123-456-7890\" (quoted)";
        }
        if (pattern.startsWith("^exp_")) {
            return "experiment ids start with 'exp_' followed by lower_snake_case";
        }
        if (pattern.startsWith("^[a-z][a-z0-9_]*$")) {
            return "use lower_snake_case: letters, digits and '_', starting with a letter";
        }
        return "it must match " + pattern;
    }

    private static String rangeText(String keyword, JsonNode bound) {
        String value = bound == null ? "?" : bound.asString();
        return switch (keyword) {
            case "minimum" -> "at least " + value;
            case "maximum" -> "at most " + value;
            case "exclusiveMinimum" -> "greater than " + value;
            default -> "less than " + value;
        };
    }

    /** YAML tree → Jackson tree for the validator. */
    private static JsonNode toJson(YNode node) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        if (node instanceof YMap map) {
            ObjectNode object = factory.objectNode();
            map.entries().forEach((key, entry) -> object.set(key, toJson(entry.value())));
            return object;
        }
        if (node instanceof YSeq seq) {
            ArrayNode array = factory.arrayNode();
            seq.items().forEach(item -> array.add(toJson(item)));
            return array;
        }
        YScalar scalar = (YScalar) node;
        return switch (scalar.type()) {
            case STRING -> factory.stringNode(scalar.text());
            case BOOLEAN ->
                factory.booleanNode(Boolean.parseBoolean(scalar.text().toLowerCase(Locale.ROOT)));
            case NULL -> factory.nullNode();
            case INTEGER -> integer(scalar.text());
            case FLOAT -> decimal(scalar.text());
        };
    }

    /** Which YAML node each JSON pointer of {@link #toJson} names. */
    private static void pointers(YNode node, String pointer, Map<String, YNode> byPointer) {
        byPointer.put(pointer, node);
        if (node instanceof YMap map) {
            map.entries().forEach((key, entry) -> pointers(entry.value(), pointer + "/" + key, byPointer));
        } else if (node instanceof YSeq seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                pointers(seq.items().get(i), pointer + "/" + i, byPointer);
            }
        }
    }

    private static JsonNode integer(String text) {
        try {
            return JsonNodeFactory.instance.numberNode(
                    new BigInteger(text.replace("_", "").replace("+", "")));
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.stringNode(text);
        }
    }

    private static JsonNode decimal(String text) {
        try {
            BigDecimal value = new BigDecimal(text.replace("_", ""));
            if (value.abs().compareTo(LONG_RANGE) > 0) {
                // the validator compares integer-typed bounds through a long, which throws for a decimal
                // beyond the long range (window_days: 1e400); beyond every long bound, its whole part
                // compares with any bound exactly as the value does
                return JsonNodeFactory.instance.numberNode(value.toBigInteger());
            }
            return JsonNodeFactory.instance.numberNode(value);
        } catch (NumberFormatException e) {
            // .inf / .nan: not a number any schema here accepts
            return JsonNodeFactory.instance.stringNode(text);
        }
    }
}
