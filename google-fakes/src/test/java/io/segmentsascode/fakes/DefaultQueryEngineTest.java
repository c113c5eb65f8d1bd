package io.segmentsascode.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultQueryEngineTest {
    private final BigQueryState state = new BigQueryState();
    private final DefaultQueryEngine engine = new DefaultQueryEngine();

    @BeforeEach
    void setUp() {
        state.addDataset("p.d");
    }

    private QueryEngine.Result run(String sql) {
        return engine.execute(new QueryEngine.Request("p", "p.d", sql, Map.of(), "test"), state);
    }

    @Test
    void commentsAndStringsDoNotFoolTheSplitter() {
        run(
                "/* CREATE TABLE p.d.no1 (x INT64); */ CREATE TABLE p.d.yes (s STRING DEFAULT 'a;b'); -- DROP TABLE p.d.yes\n"
                        + "SELECT 'CREATE TABLE p.d.no2 (x INT64)'");
        assertEquals(List.of("p.d.yes"), List.copyOf(state.tables().keySet()));
    }

    @Test
    void createReplaceKeepsLabelsAndPlainCreateOfAnExistingTableFails() {
        run("CREATE TABLE d.t (a INT64)");
        state.setLabels("p.d.t", Map.of("managed-by", "segments"));
        run("CREATE OR REPLACE TABLE `p.d.t` AS SELECT 1 AS b");
        assertEquals(Map.of("managed-by", "segments"), state.labels("p.d.t"));
        BigQueryError e = assertThrows(BigQueryError.class, () -> run("CREATE TABLE t (a INT64)"));
        assertEquals("duplicate", e.reason());
        assertFalse(run("CREATE TABLE IF NOT EXISTS p.d.t (a INT64)").mutated());
    }

    @Test
    void missingDatasetAndMissingTableAreNotFound() {
        assertEquals(
                "notFound",
                assertThrows(BigQueryError.class, () -> run("CREATE TABLE p.nods.t (a INT64)"))
                        .reason());
        assertEquals(
                "notFound",
                assertThrows(BigQueryError.class, () -> run("DROP TABLE p.d.none"))
                        .reason());
        assertFalse(run("DROP TABLE IF EXISTS p.d.none").statementType().isEmpty());
        assertEquals(
                "notFound",
                assertThrows(BigQueryError.class, () -> run("UPDATE p.d.none SET a = 1 WHERE TRUE"))
                        .reason());
    }

    @Test
    void structAndRepeatedColumnsShowAsGoogleSqlTypes() {
        run("CREATE TABLE p.d.t (id INT64 NOT NULL, tags ARRAY<STRING>, amount NUMERIC, ok BOOL)");
        var r = run("SELECT * FROM p.d.INFORMATION_SCHEMA.COLUMNS");
        assertEquals(
                List.of("INT64", "ARRAY<STRING>", "NUMERIC", "BOOL"),
                r.rows().stream().map(row -> row.get(6)).toList());
        assertEquals(
                List.of("NO", "YES", "YES", "YES"),
                r.rows().stream().map(row -> row.get(5)).toList());
        var tables = run("SELECT table_name FROM `p.d.INFORMATION_SCHEMA.TABLES`");
        assertEquals(List.of("t"), tables.rows().stream().map(row -> row.get(2)).toList());
    }

    @Test
    void regionQualifiedInformationSchemaCoversEveryDatasetAndTheClockIsSettable() {
        state.addDataset("p.other");
        state.setClock(1_800_000_000_000L);
        run("CREATE TABLE p.d.a (x INT64)");
        run("CREATE TABLE p.other.b (y STRING)");
        var r = run("SELECT table_schema, table_name, column_name FROM `p`.`region-us`.INFORMATION_SCHEMA.COLUMNS");
        assertEquals(
                List.of("d.a.x", "other.b.y"),
                r.rows().stream()
                        .map(row -> row.get(1) + "." + row.get(2) + "." + row.get(3))
                        .toList());
        assertTrue(state.table("p.d.a").get("creationTime").getAsLong() > 1_800_000_000_000L);
    }

    @Test
    void aFailingStatementRollsBackTheOpenTransactionButNotWhatCameBefore() {
        run("CREATE TABLE p.d.t (a INT64)");
        state.setNumRows("p.d.t", 5);
        assertThrows(
                BigQueryError.class,
                () -> run(
                        "CREATE TABLE p.d.before (a INT64); BEGIN TRANSACTION; TRUNCATE TABLE p.d.t; INSERT INTO p.d.missing SELECT 1; COMMIT TRANSACTION;"));
        assertTrue(state.hasTable("p.d.before"));
        assertEquals(5, state.table("p.d.t").get("numRows").getAsLong());
    }

    @Test
    void estimatorIgnoresWriteTargetsAndComments() {
        state.putTable("p.d.src");
        state.setNumBytes("p.d.src", 100);
        state.putTable("p.d.dst");
        state.setNumBytes("p.d.dst", 7);
        long bytes = new DefaultBytesEstimator()
                .estimate(
                        "p",
                        "-- reads p.d.dst? no\nINSERT INTO p.d.dst SELECT * FROM `p.d.src` JOIN p.d.src USING (x)",
                        state);
        assertEquals(100, bytes);
        assertTrue(new DefaultBytesEstimator().estimate("p", "SELECT 1", state) == 0);
    }

    @Test
    void aTransactionMutatingMoreThanAHundredTablesFailsAndRollsBack() {
        StringBuilder hundred = new StringBuilder("BEGIN TRANSACTION;\n");
        for (int i = 0; i <= 100; i++) {
            run("CREATE TABLE p.d.t" + i + " (a INT64)");
            state.setNumBytes("p.d.t" + i, 5);
            if (i < 100) {
                hundred.append("TRUNCATE TABLE p.d.t").append(i).append(";\n");
            }
        }
        run(hundred + "COMMIT TRANSACTION;");
        assertEquals(0L, state.numBytes("p.d.t99"), "a hundred tables is within the limit");

        state.setNumBytes("p.d.t0", 5);
        BigQueryError e = assertThrows(
                BigQueryError.class,
                () -> run(hundred.toString()
                                .replace("BEGIN TRANSACTION;\n", "BEGIN TRANSACTION;\nTRUNCATE TABLE p.d.t100;\n")
                        + "COMMIT TRANSACTION;"));
        assertEquals("invalidQuery", e.reason());
        assertEquals(5L, state.numBytes("p.d.t0"), "the failed transaction is rolled back");
    }

    @Test
    void aProcedureIsStoredWholeAndACallRunsItsTransactionInTheCallingQuery() {
        run("CREATE TABLE p.d.a (x INT64); CREATE TABLE p.d.b (x INT64)");
        state.setNumBytes("p.d.a", 5);
        state.setNumBytes("p.d.b", 5);

        QueryEngine.Result created = run("CREATE OR REPLACE PROCEDURE `p.d.swap`(segments_run_time TIMESTAMP)\nBEGIN\n"
                + "BEGIN TRANSACTION;\nTRUNCATE TABLE `p.d.a`;\nTRUNCATE TABLE `p.d.b`;\nCOMMIT TRANSACTION;\nEND");

        assertTrue(created.mutated());
        assertEquals(5L, state.numBytes("p.d.a"), "creating the procedure runs none of its statements");
        run("CALL `p.d.swap`(CURRENT_TIMESTAMP())");
        assertEquals(0L, state.numBytes("p.d.a"));
        assertEquals(0L, state.numBytes("p.d.b"));
        assertEquals(
                "notFound",
                assertThrows(BigQueryError.class, () -> run("CALL `p.d.nothing`(CURRENT_TIMESTAMP())"))
                        .reason());
    }

    @Test
    void aTransactionInAProcedureObeysTheHundredTableLimit() {
        StringBuilder body = new StringBuilder("BEGIN TRANSACTION;\n");
        for (int i = 0; i <= 100; i++) {
            run("CREATE TABLE p.d.t" + i + " (a INT64)");
            state.setNumBytes("p.d.t" + i, 5);
            body.append("TRUNCATE TABLE p.d.t").append(i).append(";\n");
        }
        run("CREATE PROCEDURE p.d.too_many(segments_run_time TIMESTAMP)\nBEGIN\n" + body + "COMMIT TRANSACTION;\nEND");

        BigQueryError e = assertThrows(BigQueryError.class, () -> run("CALL p.d.too_many(CURRENT_TIMESTAMP())"));

        assertEquals("invalidQuery", e.reason());
        assertEquals(5L, state.numBytes("p.d.t0"), "the failed transaction is rolled back");
    }
}
