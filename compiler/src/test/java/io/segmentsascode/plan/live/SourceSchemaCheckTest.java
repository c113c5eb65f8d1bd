package io.segmentsascode.plan.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.Column;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Table;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.plan.impact.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** warehouse.yaml's declarations against live INFORMATION_SCHEMA columns, on the bundled and the GA4 projects. */
class SourceSchemaCheckTest {

    private static final Path BUNDLED = Path.of("..", "segments");
    private static final Path GA4 = Path.of("..", "examples", "ga4", "segments");

    /** BigQuery's other spellings of the declared types: INFORMATION_SCHEMA and the tables API differ. */
    private static final Map<String, String> SPELLED_OTHERWISE = Map.of(
            "INT64", "INTEGER",
            "FLOAT64", "FLOAT",
            "BOOL", "BOOLEAN",
            "STRING", "STRING(64)",
            "NUMERIC", "NUMERIC(38, 9)");

    @Test
    void theDeclaredTablesAsBigQuerySpellsThemWithExtraColumnsHaveNoFindings() {
        ResolvedProject project = resolve(BUNDLED);
        Map<String, Map<String, String>> live = live(project, true);
        live.values().forEach(columns -> columns.put("loaded_at", "TIMESTAMP"));
        live.put("unrelated", Map.of("x", "STRING"));

        assertEquals(List.of(), check(project, BUNDLED, live));
    }

    @Test
    void aRetypedColumnIsAnErrorAtItsTypeNamingTheLiveTypeAndTheFix() throws IOException {
        ResolvedProject project = resolve(BUNDLED);
        Map<String, Map<String, String>> live = live(project, false);
        live.get("events").put("event_time", "DATETIME");

        List<Finding> findings = check(project, BUNDLED, live);

        assertEquals(1, findings.size(), findings.toString());
        Finding retyped = findings.get(0);
        assertEquals("schema-retyped-column", retyped.code());
        assertTrue(retyped.isError());
        assertEquals("events.event_time", retyped.subject());
        assertEquals(position(BUNDLED, "  events:", "      event_time:", "TIMESTAMP"), retyped.location());
        assertTrue(retyped.message().contains("declares events.event_time as TIMESTAMP"), retyped.message());
        assertTrue(retyped.message().contains("holds it as DATETIME"), retyped.message());
        assertTrue(retyped.message().contains("`type: DATETIME`"), retyped.message());
    }

    @Test
    void theNewestDayShardIsWhatAWildcardTableIsCheckedAgainst() {
        ResolvedProject project = resolve(GA4);
        Table events = project.warehouse().tables().values().stream()
                .filter(t -> t.dayShards().isPresent())
                .findFirst()
                .orElseThrow();
        Map<String, Map<String, String>> live = live(project, false);
        Map<String, String> shard = live.remove(events.physicalName());
        Map<String, String> newest = new LinkedHashMap<>(shard);
        String dropped = newest.keySet().iterator().next();
        newest.remove(dropped);
        String prefix = events.physicalName().replace("*", "");
        live.put(prefix + "20260130", shard);
        live.put(prefix + "20260131", newest);
        live.put(prefix + "intraday_20260201", shard); // not a day shard: ignored

        List<Finding> findings = check(project, GA4, live);

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("schema-missing-column", findings.get(0).code());
        assertEquals(events.name() + "." + dropped, findings.get(0).subject());
        assertTrue(
                findings.get(0).message().contains(prefix + "20260131"),
                findings.get(0).message());
        assertTrue(
                findings.get(0).location().startsWith("segments/warehouse.yaml:"),
                findings.get(0).location());

        live.keySet().removeIf(name -> name.startsWith(prefix));
        List<Finding> noShard = check(project, GA4, live);
        assertEquals("schema-missing-table", noShard.get(0).code(), noShard.toString());
    }

    @Test
    void typesCompareAsGoogleSqlNamesThem() {
        assertEquals(
                SourceSchemaCheck.normalise("ARRAY<STRUCT<key STRING, value STRUCT<int_value INT64, ok BOOL>>>"),
                SourceSchemaCheck.normalise(
                        "ARRAY<STRUCT<key STRING(10), value STRUCT<int_value INTEGER, ok BOOLEAN>>>"));
        assertEquals(SourceSchemaCheck.normalise("NUMERIC"), SourceSchemaCheck.normalise("DECIMAL(10, 2)"));
        assertTrue(!SourceSchemaCheck.normalise("NUMERIC").equals(SourceSchemaCheck.normalise("BIGNUMERIC")));
        assertTrue(!SourceSchemaCheck.normalise("INT64").equals(SourceSchemaCheck.normalise("FLOAT64")));
        assertEquals("FLOAT64", SourceSchemaCheck.declaredSpelling("FLOAT"));
        assertEquals("ARRAY<STRUCT<key STRING>>", SourceSchemaCheck.declaredSpelling("ARRAY<STRUCT<key STRING(10)>>"));
    }

    private static List<Finding> check(ResolvedProject project, Path segments, Map<String, Map<String, String>> live) {
        return SourceSchemaCheck.check(project.warehouse(), segments.resolve("warehouse.yaml"), live, "p.d");
    }

    /** Every declared table and column as live, by physical name; {@code otherSpellings}: as BigQuery may also spell the types. */
    private static Map<String, Map<String, String>> live(ResolvedProject project, boolean otherSpellings) {
        Map<String, Map<String, String>> live = new TreeMap<>();
        for (Table table : project.warehouse().tables().values()) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (Column column : table.columns().values()) {
                String type = column.type().toString();
                columns.put(column.name(), otherSpellings ? SPELLED_OTHERWISE.getOrDefault(type, type) : type);
            }
            live.put(table.physicalName(), columns);
        }
        return live;
    }

    private static ResolvedProject resolve(Path segments) {
        return new Stages().check(segments, segments.resolveSibling("campaigns"));
    }

    private static String position(Path segments, String table, String column, String type) throws IOException {
        List<String> lines = Files.readAllLines(segments.resolve("warehouse.yaml"));
        for (int i = lines.indexOf(table) + 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith(column)) {
                return "segments/warehouse.yaml:" + (i + 1) + ":"
                        + (lines.get(i).indexOf(type) + 1);
            }
        }
        throw new AssertionError(column);
    }
}
