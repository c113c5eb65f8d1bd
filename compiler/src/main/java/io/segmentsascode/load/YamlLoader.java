package io.segmentsascode.load;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one YAML file into a marked {@link YNode} tree, refusing what a hand-written segment file
 * never needs and an attacker might send: files over {@link #MAX_FILE_BYTES}, more than
 * {@link #MAX_ALIASES} aliases (alias bombs), nesting deeper than {@link YamlNesting#MAX_DEPTH} levels,
 * several documents, duplicate keys, custom tags, non-UTF-8 bytes. Every refusal is a located
 * {@link io.segmentsascode.diagnostics.Diagnostic}.
 */
public final class YamlLoader {

    public static final int MAX_FILE_BYTES = 256 * 1024;
    public static final int MAX_ALIASES = 16;

    private static final Pattern SCHEMA_LINE = Pattern.compile("^#\\s*yaml-language-server:\\s*\\$schema=(\\S+)\\s*$");
    private static final Pattern SCHEMA_FILE = Pattern.compile("(?:^|/)([a-z]+)-v(\\d+)\\.json$");

    /** Schema versions this release reads, per kind. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    private final LoadSettings settings = settings(MAX_FILE_BYTES);
    private final LoadSettings lockSettings = settings(DocumentKind.LOCK.maxBytes());

    private static LoadSettings settings(int maxCodePoints) {
        return LoadSettings.builder()
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(maxCodePoints)
                .setUseMarks(true)
                .setSchema(new PlainCoreSchema())
                .build();
    }

    /**
     * The YAML 1.2 core schema as written: {@code <<} stays a plain key (snakeyaml would otherwise
     * merge it away while composing, before {@link NodeConverter} can refuse it) and {@code ${NAME}}
     * stays plain text (snakeyaml tags it as an environment variable; nothing is ever substituted).
     * The resolver only reads its tables once built, so every parse on every thread shares one.
     */
    private static final class PlainCoreSchema extends CoreSchema {
        private final ScalarResolver resolver = new PlainCoreScalarResolver();

        @Override
        public ScalarResolver getScalarResolver() {
            return resolver;
        }
    }

    private static final class PlainCoreScalarResolver extends CoreScalarResolver {
        /**
         * What a null, boolean or number of the core schema can start with (the empty text is null
         * too). snakeyaml tries its empty-text and null patterns on every plain scalar, a regex
         * match each; names and words, most of a segment file, cannot match any pattern.
         */
        private static final String TYPED_FIRST_CHARS = "~nN tfTF+-.0123456789";

        PlainCoreScalarResolver() {
            super(false);
        }

        @Override
        public Tag resolve(String value, Boolean implicit) {
            if (!value.isEmpty() && TYPED_FIRST_CHARS.indexOf(value.charAt(0)) < 0) {
                return Tag.STR;
            }
            Tag tag = super.resolve(value, implicit);
            return tag.equals(Tag.ENV_TAG) ? Tag.STR : tag;
        }
    }

    /** Loads {@code file} as a document of {@code expected} kind; empty when a finding was recorded. */
    public Optional<YamlDocument> load(Path file, DocumentKind expected, Diagnostics diagnostics) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > expected.maxBytes()) {
                diagnostics.error(
                        Location.startOf(file),
                        "file is " + size + " bytes, over the limit of " + expected.maxBytes() + " bytes",
                        "a segment definition is a few hundred bytes; split the file or remove generated content");
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            diagnostics.error(
                    Location.startOf(file),
                    "cannot read file: " + e.getMessage(),
                    "check that the file exists and is readable");
            return Optional.empty();
        }
        Optional<String> text = decodeUtf8(file, bytes, diagnostics);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return parse(file, text.get(), expected, diagnostics);
    }

    Optional<YamlDocument> parse(Path file, String text, DocumentKind expected, Diagnostics diagnostics) {
        if (text.isBlank()) {
            diagnostics.error(
                    Location.startOf(file),
                    "file is empty",
                    "start with the line '" + schemaLine(expected) + "' and define the " + expected.schemaName());
            return Optional.empty();
        }
        Optional<Integer> version = schemaVersion(file, text, expected, diagnostics);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        Node root;
        try {
            Iterator<Node> documents =
                    YamlNesting.composer(expected == DocumentKind.LOCK ? lockSettings : settings, text);
            if (!documents.hasNext()) {
                diagnostics.error(
                        Location.startOf(file),
                        "file has no YAML content, only comments",
                        "define the " + expected.schemaName() + " below the $schema line");
                return Optional.empty();
            }
            root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                diagnostics.error(
                        at(file, second.getStartMark()),
                        "file holds more than one YAML document",
                        "keep one " + expected.schemaName() + " per file and remove the '---' separator");
                return Optional.empty();
            }
        } catch (YamlNesting.TooDeepException e) {
            diagnostics.error(e.location(file), YamlNesting.PROBLEM, YamlNesting.HINT);
            return Optional.empty();
        } catch (MarkedYamlEngineException e) {
            // at the end of the file (an unclosed quote or bracket) the context mark says where it began
            int end = text.codePointCount(0, text.length());
            Optional<Mark> mark = e.getProblemMark()
                    .filter(m -> m.getIndex() < end || e.getContextMark().isEmpty())
                    .or(e::getContextMark);
            Location where = mark.map(m -> at(file, Optional.of(m))).orElseGet(() -> Location.startOf(file));
            diagnostics.error(where, "invalid YAML: " + problemOf(e), yamlHint(e));
            return Optional.empty();
        } catch (YamlEngineException e) {
            Location where = String.valueOf(e.getMessage()).contains("aliases")
                    ? aliasOverLimit(file, text)
                    : Location.startOf(file);
            diagnostics.error(where, "invalid YAML: " + firstLine(e.getMessage()), yamlHint(e));
            return Optional.empty();
        }
        NodeConverter converter = new NodeConverter(file, diagnostics);
        YNode converted = converter.convert(root, 0);
        if (converted == null || converter.failed()) {
            return Optional.empty();
        }
        return Optional.of(new YamlDocument(file, expected, version.get(), converted));
    }

    private Optional<Integer> schemaVersion(Path file, String text, DocumentKind expected, Diagnostics diagnostics) {
        String firstLine = firstLineOf(text);
        Matcher line = SCHEMA_LINE.matcher(firstLine);
        if (!line.matches()) {
            diagnostics.error(
                    Location.startOf(file),
                    "first line must name the schema the file is written for",
                    "make the first line '" + schemaLine(expected) + "'");
            return Optional.empty();
        }
        Matcher schema = SCHEMA_FILE.matcher(line.group(1));
        int column = firstLine.indexOf('$') + 1;
        if (!schema.find()) {
            diagnostics.error(
                    Location.of(file, 1, column),
                    "schema reference '" + line.group(1) + "' does not name a " + "'<kind>-v<version>.json' schema",
                    "make the first line '" + schemaLine(expected) + "'");
            return Optional.empty();
        }
        if (!schema.group(1).equals(expected.schemaName())) {
            diagnostics.error(
                    Location.of(file, 1, column),
                    "file names the " + schema.group(1) + " schema but lives where " + expected.schemaName()
                            + " files are read",
                    "move the file, or make the first line '" + schemaLine(expected) + "'");
            return Optional.empty();
        }
        int version;
        try {
            version = Integer.parseInt(schema.group(2));
        } catch (NumberFormatException e) {
            version = -1;
        }
        if (version != CURRENT_SCHEMA_VERSION) {
            diagnostics.error(
                    Location.of(file, 1, column),
                    "schema version " + schema.group(2) + " of "
                            + expected.schemaName() + " files is not supported by this release (it reads version "
                            + CURRENT_SCHEMA_VERSION + ")",
                    "make the first line '" + schemaLine(expected) + "'");
            return Optional.empty();
        }
        return Optional.of(version);
    }

    /** The line a file of {@code kind} starts with; only hints quote it. */
    public static String schemaLine(DocumentKind kind) {
        return "# yaml-language-server: $schema=" + kind.schemaReference(CURRENT_SCHEMA_VERSION);
    }

    /** Up to the first line break, as {@code text.lines().findFirst()} but without a stream per file. */
    private static String firstLineOf(String text) {
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(0, end);
    }

    private static Optional<String> decodeUtf8(Path file, byte[] bytes, Diagnostics diagnostics) {
        if (isAscii(bytes)) {
            // the usual file: valid UTF-8 as it is and without a byte order mark, so no decoder is needed
            return Optional.of(new String(bytes, StandardCharsets.US_ASCII));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(input).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (MalformedInputException e) {
            int offset = input.position();
            diagnostics.error(
                    locationOfByte(file, bytes, offset),
                    String.format(
                            "file is not valid UTF-8: byte 0x%02X cannot start a character", bytes[offset] & 0xFF),
                    "save the file as UTF-8");
            return Optional.empty();
        } catch (CharacterCodingException e) {
            diagnostics.error(Location.startOf(file), "file is not valid UTF-8", "save the file as UTF-8");
            return Optional.empty();
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Line and column (in characters) of a byte offset, counting only the valid prefix. */
    private static Location locationOfByte(Path file, byte[] bytes, int offset) {
        String prefix = new String(bytes, 0, offset, StandardCharsets.UTF_8);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return Location.of(file, line, prefix.codePointCount(lineStart, prefix.length()) + 1);
    }

    /** The alias that made the composer give up: the first one over {@link #MAX_ALIASES} naming a list or mapping. */
    private Location aliasOverLimit(Path file, String text) {
        Map<Anchor, Boolean> isCollection = new HashMap<>();
        int aliases = 0;
        try {
            for (Event event : new Parse(settings).parseString(text)) {
                if (event instanceof AliasEvent alias) {
                    if (isCollection.getOrDefault(alias.getAlias(), false) && ++aliases > MAX_ALIASES) {
                        return at(file, event.getStartMark());
                    }
                } else if (event instanceof NodeEvent node) {
                    node.getAnchor().ifPresent(a -> isCollection.put(a, event instanceof CollectionStartEvent));
                }
            }
        } catch (YamlEngineException e) {
            // fall back to the start of the file
        }
        return Location.startOf(file);
    }

    static Location at(Path file, Optional<Mark> mark) {
        return mark.map(m -> Location.of(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(Location.startOf(file));
    }

    private static String problemOf(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
        String context = e.getContext();
        return context == null || context.isBlank() ? problem : context + ", " + problem;
    }

    private static String firstLine(String message) {
        return message == null
                ? "unknown problem"
                : message.lines().findFirst().orElse(message).trim();
    }

    private static String yamlHint(YamlEngineException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            return "write the values out instead of using more than " + MAX_ALIASES + " aliases";
        }
        if (message.contains("(TAB)")) {
            return "indent with spaces, not tabs";
        }
        if (message.contains("code point")) {
            return "the file is too large; split it";
        }
        return "check indentation, quoting and ':' after each key";
    }

    /**
     * Turns snakeyaml nodes into our immutable marked tree, checking what the composer lets through.
     * It visits every node of every file, so it reports a broken node as null rather than wrapping
     * each node in an Optional; {@link #failed()} says whether anything was broken.
     */
    private static final class NodeConverter {
        /** The file as messages show it, computed once: every node of the file carries it. */
        private final String shownFile;

        private final Diagnostics diagnostics;
        private boolean failed;

        NodeConverter(Path file, Diagnostics diagnostics) {
            this.shownFile = Location.displayPath(file);
            this.diagnostics = diagnostics;
        }

        private Location at(Optional<Mark> mark) {
            if (mark.isEmpty()) {
                return new Location(shownFile, 1, 1);
            }
            return new Location(shownFile, mark.get().getLine() + 1, mark.get().getColumn() + 1);
        }

        boolean failed() {
            return failed;
        }

        /** The converted node, or null when it was refused (the finding is recorded). */
        YNode convert(Node node, int depth) {
            Location location = at(node.getStartMark());
            // the parser already refused deep text; an alias can still repeat a deep anchor further down
            if (depth > YamlNesting.MAX_DEPTH) {
                fail(location, YamlNesting.PROBLEM, YamlNesting.HINT);
                return null;
            }
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, location);
            }
            if (!node.getTag().equals(Tag.SEQ) && !node.getTag().equals(Tag.MAP)) {
                fail(location, "YAML tag '" + node.getTag().getValue() + "' is not allowed", "remove the '!' tag");
                return null;
            }
            if (node instanceof SequenceNode sequence) {
                List<YNode> items = new ArrayList<>(sequence.getValue().size());
                for (Node item : sequence.getValue()) {
                    YNode converted = convert(item, depth + 1);
                    if (converted != null) {
                        items.add(converted);
                    }
                }
                return new YSeq(location, items);
            }
            return mapping((MappingNode) node, location, depth);
        }

        private YMap mapping(MappingNode mapping, Location location, int depth) {
            Map<String, YMap.Entry> entries = new LinkedHashMap<>();
            Map<String, Location> seen = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Location keyLocation = at(tuple.getKeyNode().getStartMark());
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    fail(keyLocation, "mapping keys must be plain names", "write the key as a word followed by ':'");
                    continue;
                }
                String key = keyNode.getValue();
                if (key.equals("<<")) {
                    fail(keyLocation, "merge keys ('<<') are not supported", "write the merged keys out");
                    continue;
                }
                Location first = seen.putIfAbsent(key, keyLocation);
                if (first != null) {
                    fail(
                            keyLocation,
                            "duplicate key '" + key + "' (first defined at " + first.line() + ":" + first.column()
                                    + ")",
                            "remove one of the two '" + key + "' entries");
                    continue;
                }
                YNode value = convert(tuple.getValueNode(), depth + 1);
                if (value != null) {
                    entries.put(key, new YMap.Entry(key, keyLocation, value));
                }
            }
            return new YMap(location, entries);
        }

        private YScalar scalar(ScalarNode scalar, Location location) {
            Tag tag = scalar.getTag();
            YScalar.ScalarType type;
            if (tag.equals(Tag.STR)) {
                type = YScalar.ScalarType.STRING;
            } else if (tag.equals(Tag.INT)) {
                type = YScalar.ScalarType.INTEGER;
            } else if (tag.equals(Tag.FLOAT)) {
                type = YScalar.ScalarType.FLOAT;
            } else if (tag.equals(Tag.BOOL)) {
                type = YScalar.ScalarType.BOOLEAN;
            } else if (tag.equals(Tag.NULL)) {
                type = YScalar.ScalarType.NULL;
            } else {
                fail(location, "YAML tag '" + tag.getValue() + "' is not allowed", "remove the '!' tag");
                return null;
            }
            YScalar.Style style = switch (scalar.getScalarStyle()) {
                case PLAIN -> YScalar.Style.PLAIN;
                case SINGLE_QUOTED, DOUBLE_QUOTED -> YScalar.Style.QUOTED;
                default -> YScalar.Style.BLOCK;
            };
            return new YScalar(location, scalar.getValue(), type, style);
        }

        private void fail(Location location, String message, String hint) {
            failed = true;
            diagnostics.error(location, message, hint);
        }
    }
}
