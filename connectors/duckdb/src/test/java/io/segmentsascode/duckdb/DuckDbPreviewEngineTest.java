package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.TestQueries.execute;
import static io.segmentsascode.duckdb.TestQueries.longValue;
import static io.segmentsascode.duckdb.TestWarehouses.column;
import static io.segmentsascode.duckdb.TestWarehouses.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.PreviewException;
import io.segmentsascode.preview.SegmentPreview;
import io.segmentsascode.preview.SegmentRunException;
import io.segmentsascode.render.RenderedSegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbPreviewEngineTest {

    private static final String SIGNED_UP_BY_RUN_TIME = """
            SELECT user_id, 'x' AS segment_label FROM raw.users
            WHERE signup_date <= CAST(getvariable('run_time') AS DATE)""";
    private static final Instant END = SampleWarehouse.END_TIME;
    private static final Instant YEAR_BEFORE_END = Instant.parse("2025-10-31T23:59:59Z");

    @TempDir
    static Path stateDir;

    private static DuckDbPreviewEngine engine;

    @BeforeAll
    static void open() {
        engine = DuckDbPreviewEngine.open(
                TestWarehouses.bundled(), new SampleSource.Generated(new SampleSpec(1_000, 42)), stateDir);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void countsMembersAndLabelsAsOfTheRunTime() throws SQLException {
        SegmentPreview atEnd = engine.run(labelled(SIGNED_UP_BY_RUN_TIME), END);
        SegmentPreview yearEarlier = engine.run(labelled(SIGNED_UP_BY_RUN_TIME), YEAR_BEFORE_END);

        long signedUpByEnd =
                longValue(engine.connection(), "SELECT count(*) FROM raw.users WHERE signup_date <= DATE '2026-10-31'");
        long signedUpYearEarlier =
                longValue(engine.connection(), "SELECT count(*) FROM raw.users WHERE signup_date <= DATE '2025-10-31'");
        assertTrue(signedUpYearEarlier < signedUpByEnd);
        assertEquals(new SegmentPreview("seg_test", signedUpByEnd, Map.of("x", signedUpByEnd), atEnd.elapsed()), atEnd);
        assertEquals(
                new SegmentPreview(
                        "seg_test", signedUpYearEarlier, Map.of("x", signedUpYearEarlier), yearEarlier.elapsed()),
                yearEarlier);
        assertTrue(atEnd.elapsed().toNanos() > 0);
    }

    @Test
    void bindsTheRunTimeToTheMicrosecondInUtc() {
        String sql = "SELECT 'u' AS user_id WHERE getvariable('run_time') = TIMESTAMP '2026-01-31 12:00:00.123456'";

        assertEquals(
                1,
                engine.run(unlabelled(sql), Instant.parse("2026-01-31T12:00:00.123456789Z"))
                        .members());
        assertEquals(
                0,
                engine.run(unlabelled(sql), Instant.parse("2026-01-31T12:00:00.123Z"))
                        .members());
    }

    @Test
    void labelsAreCountedPerLabelAndOnlyWhenTheSegmentHasThem() {
        String sql =
                "SELECT user_id, CASE WHEN device_type = 'mobile' THEN 'm' ELSE 'o' END AS segment_label FROM raw.users";

        SegmentPreview labelled = engine.run(labelled(sql), END);
        SegmentPreview unlabelled = engine.run(unlabelled(SIGNED_UP_BY_RUN_TIME), END);

        assertEquals(List.of("m", "o"), List.copyOf(labelled.labelCounts().keySet()));
        assertEquals(
                labelled.members(),
                labelled.labelCounts().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
        assertEquals(Map.of(), unlabelled.labelCounts());
    }

    @Test
    void sqlThatEndsInACommentOrSemicolonStillRuns() {
        assertEquals(
                1,
                engine.run(unlabelled("SELECT 'u' AS user_id -- one user"), END).members());
        assertEquals(1, engine.run(unlabelled("SELECT 'u' AS user_id;\n"), END).members());
    }

    @Test
    void latestDataTimeIsTheGeneratorsFixedEnd() {
        assertEquals(SampleWarehouse.END_TIME, engine.latestDataTime());
        assertEquals("duckdb", engine.dialect());
    }

    @Test
    void sessionsRunInUtcLikeTheRawTimestamps() throws SQLException {
        assertEquals("UTC", TestQueries.stringValue(engine.connection(), "SELECT current_setting('TimeZone')"));
    }

    @Test
    void sqlDuckDbRejectsFailsThatSegmentWithDuckDbsReason() {
        SegmentRunException failure = assertThrows(
                SegmentRunException.class, () -> engine.run(unlabelled("SELECT user_id FROM raw.nope"), END));

        assertEquals("seg_test", failure.segmentId());
        assertTrue(
                failure.reason().startsWith("DuckDB: Catalog Error: Table with name nope does not exist"),
                failure.reason());
    }

    @Test
    void rowsThatRepeatAUserFailTheSegmentWithRowsAndUsersCounted() throws SQLException {
        long rows = longValue(engine.connection(), "SELECT count(*) FROM raw.events");
        long users = longValue(engine.connection(), "SELECT count(DISTINCT user_id) FROM raw.events");
        assertTrue(rows > users, "the sample has users with several events");

        SegmentRunException failure = assertThrows(
                SegmentRunException.class, () -> engine.run(unlabelled("SELECT user_id FROM raw.events"), END));

        assertEquals(
                String.format(
                        Locale.ROOT,
                        "user_id is not unique: %,d rows for %,d users (a segment has one row per "
                                + "user: GROUP BY user_id or SELECT DISTINCT)",
                        rows,
                        users),
                failure.reason());
    }

    @Test
    void membersAreDistinctUsersAndOneRowWithoutAUserIdIsOneMember() {
        assertEquals(
                2,
                engine.run(unlabelled("SELECT 'u' AS user_id UNION ALL SELECT NULL"), END)
                        .members());
        assertThrows(
                SegmentRunException.class,
                () -> engine.run(unlabelled("SELECT NULL AS user_id UNION ALL SELECT NULL"), END),
                "two rows without a user id are the same missing user twice, as the compiled check groups them");
    }

    @Test
    void previewCannotChangeTheCachedSample() {
        assertThrows(SQLException.class, () -> execute(engine.connection(), "DELETE FROM raw.users"));
    }

    @Test
    void extractsArePreviewedAndTheirLatestTimeIsTheLatestRow(@TempDir Path extract) throws Exception {
        Warehouse warehouse = TestWarehouses.of(
                table(
                        "users",
                        Optional.empty(),
                        column("user_id", ColumnType.STRING),
                        column("signup_date", ColumnType.DATE)),
                table(
                        "visits",
                        Optional.of("visited_on"),
                        column("user_id", ColumnType.STRING),
                        column("visited_on", ColumnType.DATE)),
                table(
                        "events",
                        Optional.of("event_time"),
                        column("user_id", ColumnType.STRING),
                        column("event_time", ColumnType.TIMESTAMP)));
        Files.writeString(extract.resolve("users.csv"), "user_id,signup_date\nu1,2025-01-01\nu2,2026-01-01\n");
        Files.writeString(extract.resolve("visits.csv"), "user_id,visited_on\nu1,2026-03-02\n");
        Files.writeString(extract.resolve("events.csv"), "user_id,event_time\nu1,2026-03-01 10:30:00\n");

        try (DuckDbPreviewEngine extractEngine =
                DuckDbPreviewEngine.open(warehouse, new SampleSource.Extract(extract), stateDir)) {
            assertEquals(Instant.parse("2026-03-02T00:00:00Z"), extractEngine.latestDataTime());
            assertEquals(
                    Optional.of(new PreviewEngine.TimeRange(
                            Instant.parse("2026-03-01T10:30:00Z"), Instant.parse("2026-03-02T00:00:00Z"))),
                    extractEngine.dataTimeRange(),
                    "users has no time column");
            assertEquals(
                    1,
                    extractEngine
                            .run(labelled(SIGNED_UP_BY_RUN_TIME), Instant.parse("2025-06-01T00:00:00Z"))
                            .members());
        }
    }

    @Test
    void anExtractWithoutAnyTimeCannotDefaultTheRunTime(@TempDir Path extract) throws Exception {
        Warehouse warehouse = TestWarehouses.of(table(
                "events",
                Optional.of("event_time"),
                column("user_id", ColumnType.STRING),
                column("event_time", ColumnType.TIMESTAMP)));
        Files.writeString(extract.resolve("events.csv"), "user_id,event_time\n");

        try (DuckDbPreviewEngine extractEngine =
                DuckDbPreviewEngine.open(warehouse, new SampleSource.Extract(extract), stateDir)) {
            assertEquals(Optional.empty(), extractEngine.dataTimeRange());
            PreviewException failure = assertThrows(PreviewException.class, extractEngine::latestDataTime);
            assertEquals(
                    List.of(Location.displayPath(extract) + ":1:1: error: no rows with a time in events.event_time"
                            + " (give the preview an explicit reference time (asOf))"),
                    failure.diagnostics().stream().map(Diagnostic::format).toList());
        }
    }

    @Test
    void aMissingExtractIsAUserMistake(@TempDir Path dir) {
        Path missing = dir.resolve("extracts");

        PreviewException failure = assertThrows(
                PreviewException.class,
                () -> DuckDbPreviewEngine.open(TestWarehouses.bundled(), new SampleSource.Extract(missing), stateDir));
        assertEquals(
                Location.displayPath(missing) + ":1:1: error: sample data path does not exist ("
                        + ExtractLoader.SAMPLE_DATA_HINT + ")",
                failure.diagnostics().get(0).format());
    }

    private static RenderedSegment labelled(String sql) {
        return new RenderedSegment(
                "seg_test",
                "duckdb",
                sql,
                List.of(
                        new OutputColumn("user_id", ColumnType.STRING),
                        new OutputColumn(OutputColumn.LABEL_COLUMN, ColumnType.STRING)));
    }

    private static RenderedSegment unlabelled(String sql) {
        return new RenderedSegment("seg_test", "duckdb", sql, List.of(new OutputColumn("user_id", ColumnType.STRING)));
    }
}
