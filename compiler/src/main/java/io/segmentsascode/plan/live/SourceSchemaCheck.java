package io.segmentsascode.plan.live;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.load.DocumentKind;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YNode;
import io.segmentsascode.load.YamlDocument;
import io.segmentsascode.load.YamlLoader;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.plan.impact.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * warehouse.yaml's tables and columns against the live {@code INFORMATION_SCHEMA.COLUMNS} of the
 * source dataset. A declared table or column the warehouse lacks, or holds with another type,
 * would make every refresh fail (or, worse, compare numbers as text): each is an error located at
 * its declaration. Live columns warehouse.yaml does not declare are fine: segments cannot read
 * them, which is the point of declaring.
 */
public final class SourceSchemaCheck {

    /** The spellings BigQuery also uses (tables API, legacy SQL) for the GoogleSQL type names warehouse.yaml uses. */
    private static final Map<String, String> SYNONYMS = Map.of(
            "INTEGER", "INT64",
            "FLOAT", "FLOAT64",
            "BOOLEAN", "BOOL",
            "RECORD", "STRUCT",
            "DECIMAL", "NUMERIC",
            "BIGDECIMAL", "BIGNUMERIC");

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Parameterised types ({@code STRING(10)}, {@code NUMERIC(10, 2)}) hold the same values for reading. */
    private static final Pattern PARAMETERS = Pattern.compile("\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\)");

    private static final Pattern SHARD_SUFFIX = Pattern.compile("\\d{8}");

    private SourceSchemaCheck() {}

    /**
     * @param warehouseFile the warehouse.yaml the project was resolved from (read again for the
     *     declarations' positions)
     * @param live physical table → column → data_type, as {@link LiveWarehouse#sourceColumns()} reads them
     * @param dataset {@code project.dataset} of the source tables, for messages
     */
    public static List<Finding> check(
            Warehouse warehouse, Path warehouseFile, Map<String, Map<String, String>> live, String dataset) {
        Declarations declarations = Declarations.read(warehouseFile);
        List<Finding> findings = new ArrayList<>();
        for (Table table : warehouse.tables().values()) {
            Optional<String> physical = physicalTable(table, live);
            if (physical.isEmpty()) {
                findings.add(new Finding(
                        Severity.ERROR,
                        "schema-missing-table",
                        table.name(),
                        "warehouse.yaml declares table " + table.name() + " (" + dataset + "."
                                + table.physicalName() + ") but the live dataset has no such table"
                                + (table.dayShards().isPresent() ? " shard" : "")
                                + "; every refresh reading it would fail. Fix: correct its name (or"
                                + " `physical:`) to the table BigQuery holds, or create the table",
                        declarations.table(table.name())));
                continue;
            }
            Map<String, String> liveColumns = caseInsensitive(live.get(physical.get()));
            for (Column column : table.columns().values()) {
                String subject = table.name() + "." + column.name();
                String liveType = liveColumns.get(column.name().toLowerCase(Locale.ROOT));
                if (liveType == null) {
                    findings.add(new Finding(
                            Severity.ERROR,
                            "schema-missing-column",
                            subject,
                            "warehouse.yaml declares column " + subject + " but the live table " + dataset + "."
                                    + physical.get() + " has no column " + column.name()
                                    + "; segments reading it would fail. Fix: rename or remove the declaration"
                                    + " (and the segments using it), or add the column to the table",
                            declarations.column(table.name(), column.name())));
                } else if (!normalise(liveType).equals(normalise(column.type().toString()))) {
                    findings.add(new Finding(
                            Severity.ERROR,
                            "schema-retyped-column",
                            subject,
                            "warehouse.yaml declares " + subject + " as " + column.type() + " but the live table "
                                    + dataset + "." + physical.get() + " holds it as " + liveType
                                    + ". Fix: set `type: " + declaredSpelling(liveType)
                                    + "` here if the table is right, then check the segments that use it",
                            declarations.column(table.name(), column.name())));
                }
            }
        }
        return findings;
    }

    /** The live table a declaration reads: its physical name, or the newest day shard of a wildcard. */
    private static Optional<String> physicalTable(Table table, Map<String, Map<String, String>> live) {
        if (table.dayShards().isEmpty() || !table.physicalName().endsWith("*")) {
            return live.containsKey(table.physicalName()) ? Optional.of(table.physicalName()) : Optional.empty();
        }
        String prefix = table.physicalName().substring(0, table.physicalName().length() - 1);
        return live.keySet().stream()
                .filter(name -> name.startsWith(prefix)
                        && SHARD_SUFFIX.matcher(name.substring(prefix.length())).matches())
                .max(String::compareTo);
    }

    private static Map<String, String> caseInsensitive(Map<String, String> columns) {
        Map<String, String> byName = new TreeMap<>();
        columns.forEach((name, type) -> byName.put(name.toLowerCase(Locale.ROOT), type));
        return byName;
    }

    /**
     * A type as GoogleSQL names it, for comparing: synonyms replaced, parameters dropped, spaces
     * and case evened out (struct field names compare as BigQuery does, case-insensitively).
     */
    static String normalise(String type) {
        String plain = PARAMETERS.matcher(type).replaceAll("");
        Matcher words = WORD.matcher(plain.toUpperCase(Locale.ROOT));
        StringBuilder out = new StringBuilder();
        while (words.find()) {
            words.appendReplacement(out, SYNONYMS.getOrDefault(words.group(), words.group()));
        }
        words.appendTail(out);
        return out.toString()
                .replaceAll("\\s+", " ")
                .replaceAll("\\s*([<>,])\\s*", "$1")
                .strip();
    }

    /** What to write in warehouse.yaml for a live type: its GoogleSQL name, without length parameters. */
    static String declaredSpelling(String liveType) {
        String plain = PARAMETERS.matcher(liveType).replaceAll("");
        Matcher words = WORD.matcher(plain);
        StringBuilder out = new StringBuilder();
        while (words.find()) {
            String word = words.group().toUpperCase(Locale.ROOT);
            words.appendReplacement(
                    out, SYNONYMS.containsKey(word) ? SYNONYMS.get(word) : Matcher.quoteReplacement(words.group()));
        }
        words.appendTail(out);
        return out.toString();
    }

    /** Where warehouse.yaml declares each table and column (its type, when written as a map). */
    private record Declarations(Path file, Optional<YMap> tables) {

        static Declarations read(Path file) {
            Optional<YamlDocument> document = new YamlLoader().load(file, DocumentKind.WAREHOUSE, new Diagnostics());
            Optional<YMap> tables = document.map(YamlDocument::root)
                    .filter(YMap.class::isInstance)
                    .map(YMap.class::cast)
                    .flatMap(root -> root.get("tables"))
                    .filter(YMap.class::isInstance)
                    .map(YMap.class::cast);
            return new Declarations(file, tables);
        }

        String table(String name) {
            return tables.flatMap(t -> t.entry(name))
                    .map(entry -> located(entry.keyLocation()))
                    .orElse(located(Location.startOf(file)));
        }

        String column(String table, String column) {
            Optional<YMap.Entry> entry = tables.flatMap(t -> t.get(table))
                    .filter(YMap.class::isInstance)
                    .flatMap(t -> ((YMap) t).get("columns"))
                    .filter(YMap.class::isInstance)
                    .flatMap(columns -> ((YMap) columns).entry(column));
            if (entry.isEmpty()) {
                return table(table);
            }
            Location at = entry.get().value() instanceof YMap declaration
                    ? declaration
                            .get("type")
                            .map(YNode::location)
                            .orElse(entry.get().keyLocation())
                    : entry.get().keyLocation();
            return located(at);
        }

        private String located(Location location) {
            return Finding.locationOf(file, location);
        }
    }
}
