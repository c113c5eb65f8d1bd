package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.duckdb.DuckDbPreviewEngine;
import io.segmentsascode.duckdb.SampleSource;
import io.segmentsascode.duckdb.SampleSpec;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.RefreshPlanner;
import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedScript;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled project's refresh scripts, rendered for DuckDB and run statement by statement on
 * the generated sample warehouse, fill every segment table with exactly the rows of that
 * segment's own query (the per-segment layout) at the same run time.
 */
class RefreshScriptEquivalenceTest {

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    @TempDir
    static Path state;

    private static ResolvedProject project;
    private static List<GeneratedSegment> generated;
    private static DuckDbDialect dialect;
    private static Connection connection;
    private static Instant runTime;
    private static List<RenderedScript> scripts;

    @BeforeAll
    static void runTheScripts() throws SQLException, IOException {
        Stages compiler = new Stages();
        project = compiler.check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        generated =
                PinnedCompile.generate(compiler, project, Path.of("..", "..", "segments.lock"), state.resolve("cache"));
        dialect = new DuckDbDialect(new ResolvedTreeDuckDbTranslator());
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(
                project.warehouse(), new SampleSource.Generated(SampleSpec.defaults()), state)) {
            runTime = engine.latestDataTime();
        }
        // the preview opens the cached sample read-only; the scripts write, so a session of our own reads it
        Path sample;
        try (Stream<Path> files = Files.walk(state)) {
            sample = files.filter(f -> f.toString().endsWith(".duckdb"))
                    .findFirst()
                    .orElseThrow();
        }
        connection = DriverManager.getConnection("jdbc:duckdb:");
        execute("SET TimeZone = 'UTC'");
        execute("ATTACH '" + sample.toAbsolutePath() + "' AS sample (READ_ONLY)");
        execute("USE sample");
        ScriptRenderer renderer = ScriptRenderer.duckDb(project.warehouse(), dialect);
        scripts = new RefreshPlanner(project.warehouse())
                .plan(generated).stream().map(renderer::render).toList();
        // the sample is attached read-only; the output dataset is a database of its own
        execute("ATTACH ':memory:' AS " + DuckDbDialect.OUTPUT_SCHEMA);
        // what apply does when a contract changes, and what binds @run_time in the preview
        for (RenderedScript script : scripts) {
            for (String statement : script.setup()) {
                execute(statement);
            }
        }
        bindRunTime(runTime);
        for (RenderedScript script : scripts) {
            run(script);
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void everySegmentTableHoldsTheRowsOfItsOwnQuery() throws SQLException {
        SqlRenderer perSegment = new SqlRenderer(project.warehouse(), dialect);
        assertEquals(
                generated.size(),
                scripts.stream().mapToInt(s -> s.setup().size()).sum(),
                "a table per segment");
        for (GeneratedSegment segment : generated) {
            String id = segment.segment().id();
            List<String> expected =
                    rows("SELECT * FROM (\n" + perSegment.render(segment).sql() + "\n) ORDER BY ALL");
            List<String> refreshed = rows("SELECT * FROM " + table(id) + " ORDER BY ALL");
            assertFalse(expected.isEmpty(), id + " has members on the sample");
            assertEquals(expected.size(), refreshed.size(), id + ": rows");
            assertEquals(expected, refreshed, id);
        }
    }

    @Test
    void structuredSegmentsAreWrittenFromTheFeatureTableAlone() {
        for (RenderedScript script : scripts) {
            for (RenderedScript.SentQuery query : script.queries()) {
                String id = query.table().replace("_segments_staging_", "");
                boolean structured = project.segment(id)
                        .map(s -> s.definition().isStructured())
                        .orElse(false);
                if (query.table().startsWith("_segments_staging_") && structured) {
                    assertFalse(
                            query.sql().contains(DuckDbDialect.RAW_SCHEMA + "."), query.table() + " reads a raw table");
                }
            }
        }
    }

    /**
     * A run that fails — while building, or inside the swap after some tables were already
     * truncated and refilled — leaves every segment table as the last good run wrote it (BigQuery
     * rolls back a transaction its script leaves by an error); the next good run writes them again.
     */
    @Test
    void aFailedRunLeavesTheSegmentTablesAsTheyWere() throws SQLException {
        RenderedScript daily = scripts.get(0);
        Map<String, List<String>> before = segmentRows(daily);
        bindRunTime(runTime.minusSeconds(30L * 86_400));
        List<String> statements = daily.statements();
        int secondInsert = statements.indexOf(statements.stream()
                .filter(t -> t.startsWith("INSERT INTO"))
                .skip(1)
                .findFirst()
                .orElseThrow());
        for (int failing : List.of(1, secondInsert)) {
            List<String> broken = new ArrayList<>(statements);
            broken.set(failing, "SELECT error('injected failure')");
            assertThrows(SQLException.class, () -> run(broken));
            assertEquals(before, segmentRows(daily), "after a failure at statement " + failing);
        }
        bindRunTime(runTime);
        run(daily.statements());
        assertEquals(before, segmentRows(daily), "a good run at the same run time writes the same rows");
    }

    private static Map<String, List<String>> segmentRows(RenderedScript script) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String statement : script.setup()) {
            String table = statement.split(" ")[5];
            rows.put(table, rows("SELECT * FROM " + table + " ORDER BY ALL"));
        }
        return rows;
    }

    private static void run(RenderedScript script) throws SQLException {
        run(script.statements());
    }

    private static void run(List<String> statements) throws SQLException {
        for (String statement : statements) {
            try {
                execute(statement);
            } catch (SQLException e) {
                if (!connection.getAutoCommit() || inTransaction(statements, statement)) {
                    execute("ROLLBACK");
                }
                throw e;
            }
        }
    }

    /** As the preview binds it: the session variable the DuckDB dialect reads. */
    private static void bindRunTime(Instant time) throws SQLException {
        execute("SET VARIABLE " + DuckDbDialect.RUN_TIME_VARIABLE + " = TIMESTAMP '" + MICROS.format(time) + "'");
    }

    /** Whether {@code failed} comes after the script's BEGIN TRANSACTION. */
    private static boolean inTransaction(List<String> statements, String failed) {
        return statements.indexOf(failed) > statements.indexOf("BEGIN TRANSACTION");
    }

    private static String table(String segmentId) {
        return dialect.managedTable(project.warehouse(), RefreshScript.segmentTable(segmentId));
    }

    private static void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> rows(String sql) throws SQLException {
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
