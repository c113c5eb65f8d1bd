package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.RefreshPlanner;
import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedScript;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.ScriptRenderer;
import io.segmentsascode.render.SqlRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments built from segments ({@code in_segment}) on twelve hand-made users: the members of each
 * segment equal the set computed by hand from the purchases below, through the per-segment SQL
 * (which nests what it names) and through the refresh scripts (which build what a segment names
 * first, and read another cadence's segment from its published table).
 *
 * <p>Purchases (days before the run time, each an hour earlier): RFM labels as in {@link
 * RfmCorrectnessTest}: champions u03, u07; loyal u05, u10; at_risk u08. Bought within the last 30
 * days: u01 (5), u02 (10), u03 (2), u06 (5), u07 (1…9), u10 (20, 25); u05's latest is 100 days
 * old. u99 (bought 1–3 days ago) is a test user the mandatory filter removes. So best and not
 * recent = {u05}; champions and recent = {u03, u07}; either of those = {u03, u05, u07}.
 */
class SegmentReferencesOnDuckDbTest {

    private static final String RUN_TIME = "2026-01-31 00:00:00";

    @TempDir
    Path project;

    private ResolvedProject resolved;
    private List<GeneratedSegment> generated;

    @BeforeEach
    void compile() throws IOException {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.copy(Path.of("..", "..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
        segment(segments, "seg_rfm_best", "weekly", "rfm:\n  select: [champions, loyal]\n");
        segment(segments, "seg_value_recent", "weekly", """
                rules:
                  window_days: 30
                  metrics:
                    recent_buys: {table: events, aggregate: count, where: revenue > 0}
                  include: recent_buys >= 1
                """);
        // daily, naming two weekly segments: read from their published tables by the daily refresh
        segment(segments, "seg_value_best_lapsed", "daily", """
                rules:
                  window_days: 30
                  metrics:
                    visits: {table: events, aggregate: count}
                  include: in_segment('seg_rfm_best') and not in_segment('seg_value_recent')
                """);
        segment(segments, "seg_rfm_champions_recent", "weekly", """
                rfm:
                  select: [champions]
                where: in_segment('seg_value_recent')
                """);
        // three levels deep, from both cadences
        segment(segments, "seg_engagement_chain", "daily", """
                rules:
                  window_days: 30
                  metrics:
                    visits: {table: events, aggregate: count}
                  include: in_segment('seg_value_best_lapsed') or in_segment('seg_rfm_champions_recent')
                """);
        Stages compiler = new Stages();
        resolved = compiler.check(segments, project.resolve("campaigns"));
        generated = compiler.generate(resolved);
    }

    private static void segment(Path segments, String id, String refresh, String body) throws IOException {
        Files.writeString(segments.resolve(id + ".yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: %s
                description: built from segments
                owner: test@example.com
                stage: experimental
                refresh: %s
                """.formatted(id, refresh) + body);
    }

    private static Map<String, List<String>> byHand() {
        Map<String, List<String>> members = new TreeMap<>();
        members.put("seg_rfm_best", List.of("u03", "u05", "u07", "u10"));
        members.put("seg_value_recent", List.of("u01", "u02", "u03", "u06", "u07", "u10"));
        members.put("seg_value_best_lapsed", List.of("u05"));
        members.put("seg_rfm_champions_recent", List.of("u03", "u07"));
        members.put("seg_engagement_chain", List.of("u03", "u05", "u07"));
        return members;
    }

    @Test
    void perSegmentSqlGivesTheHandComputedMembers() throws Exception {
        List<RenderedSegment> rendered = new Stages().render(resolved, generated, new DuckDbDialect());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            RfmCorrectnessTestData.load(connection, RUN_TIME);
            Map<String, List<String>> members = new TreeMap<>();
            for (RenderedSegment segment : rendered) {
                members.put(segment.segmentId(), userIds(connection, segment.sql()));
            }
            assertEquals(byHand(), members);
        }
    }

    @Test
    void refreshScriptsBuildWhatASegmentNamesFirstAndEqualThePerSegmentQueries() throws Exception {
        DuckDbDialect dialect = new DuckDbDialect();
        List<RefreshScript> plans = new RefreshPlanner(resolved.warehouse()).plan(generated);
        ScriptRenderer renderer = ScriptRenderer.duckDb(resolved.warehouse(), dialect);
        SqlRenderer perSegment = new SqlRenderer(resolved.warehouse(), dialect);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            RfmCorrectnessTestData.load(connection, RUN_TIME);
            execute(connection, "ATTACH ':memory:' AS " + DuckDbDialect.OUTPUT_SCHEMA);
            Map<Refresh, RenderedScript> scripts = new TreeMap<>();
            for (RefreshScript plan : plans) {
                RenderedScript script = renderer.render(plan);
                scripts.put(plan.cadence(), script);
                for (String statement : script.setup()) {
                    execute(connection, statement);
                }
            }
            RenderedScript daily = scripts.get(Refresh.DAILY);
            // within a cadence, a staging table is built after the staging tables it reads
            List<String> builds = daily.statements().stream()
                    .filter(s -> s.startsWith("CREATE OR REPLACE TABLE"))
                    .map(s -> s.split(" ")[4])
                    .toList();
            assertTrue(
                    builds.indexOf(dialect.managedTable(
                                    resolved.warehouse(), RefreshScript.stagingTable("seg_value_best_lapsed")))
                            < builds.indexOf(dialect.managedTable(
                                    resolved.warehouse(), RefreshScript.stagingTable("seg_engagement_chain"))),
                    builds.toString());
            // another cadence's segment is read from its published table, not rebuilt
            assertTrue(
                    daily.text().contains("FROM segments.seg_rfm_best AS r"), "daily reads the weekly published table");
            // the weekly refresh has run (its last good tables are published), then the daily one
            for (String statement : scripts.get(Refresh.WEEKLY).statements()) {
                execute(connection, statement);
            }
            for (String statement : daily.statements()) {
                execute(connection, statement);
            }
            Map<String, List<String>> tables = new TreeMap<>();
            for (GeneratedSegment segment : generated) {
                String id = segment.segment().id();
                tables.put(id, userIds(connection, "SELECT * FROM " + dialect.managedTable(resolved.warehouse(), id)));
                assertEquals(
                        rows(
                                connection,
                                "SELECT * FROM (" + perSegment.render(segment).sql() + ") ORDER BY ALL"),
                        rows(
                                connection,
                                "SELECT * FROM " + dialect.managedTable(resolved.warehouse(), id) + " ORDER BY ALL"),
                        id + ": the refreshed table holds the rows of its own query");
            }
            assertEquals(byHand(), tables);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> userIds(Connection connection, String sql) throws SQLException {
        return new ArrayList<>(new TreeSet<>(rows(connection, "SELECT user_id FROM (" + sql + ")")));
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " | " : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
