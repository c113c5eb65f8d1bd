package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.TestQueries.column;
import static io.segmentsascode.duckdb.TestQueries.execute;
import static io.segmentsascode.duckdb.TestWarehouses.column;
import static io.segmentsascode.duckdb.TestWarehouses.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractLoaderTest {

    /** Every column type once, across two tables. */
    private static final Warehouse WAREHOUSE = TestWarehouses.of(
            table(
                    "users",
                    Optional.empty(),
                    column("user_id", ColumnType.STRING),
                    column("signup_date", ColumnType.DATE),
                    column("vip", ColumnType.BOOL)),
            table(
                    "events",
                    Optional.of("event_time"),
                    column("user_id", ColumnType.STRING),
                    column("event_time", ColumnType.TIMESTAMP),
                    column("revenue", ColumnType.NUMERIC),
                    column("quantity", ColumnType.INT64),
                    column("score", ColumnType.FLOAT64)));

    private static final String USERS_CSV = """
            vip,signup_date,user_id,nickname
            true,2025-01-02,007,bond
            false,2025-03-04,u2,
            """;
    private static final String EVENTS_CSV = """
            user_id,event_time,revenue,quantity,score
            007,2026-01-01 10:00:00,12.34,2,0.5
            u2,2026-01-02T10:00:00+02:00,,1,1.25
            """;

    @TempDir
    Path dir;

    @Test
    void loadsCsvFilesCastingEachDeclaredColumnInAnyOrder() throws Exception {
        write("users.csv", USERS_CSV);
        write("events.csv", EVENTS_CSV);

        try (Connection connection = TestQueries.inMemory()) {
            // the caller's session zone must not shift naive timestamps
            execute(connection, "SET TimeZone = 'America/New_York'");
            ExtractLoader.load(connection, WAREHOUSE, dir);
            // ids stay text: "007" is not sniffed into the number 7; the extra column is dropped
            assertEquals(
                    List.of("007 2025-01-02 true", "u2 2025-03-04 false"),
                    rows(connection, "SELECT concat_ws(' ', user_id, signup_date, vip) FROM raw.users ORDER BY 1"));
            // an offset in a timestamp is converted to UTC; an empty field is NULL
            assertEquals(
                    List.of("007 2026-01-01 10:00:00 12.340000000 2 0.5", "u2 2026-01-02 08:00:00 NULL 1 1.25"),
                    rows(
                            connection,
                            "SELECT concat_ws(' ', user_id, strftime(event_time, '%Y-%m-%d %H:%M:%S'), coalesce(CAST(revenue AS VARCHAR), 'NULL'),"
                                    + " quantity, score) FROM raw.events ORDER BY 1"));
            assertEquals(
                    List.of(
                            "user_id VARCHAR",
                            "event_time TIMESTAMP",
                            "revenue DECIMAL(38,9)",
                            "quantity BIGINT",
                            "score DOUBLE"),
                    columnsOf(connection, "events"));
        }
    }

    @Test
    void loadsParquetFilesConvertingTheirNativeTypes() throws Exception {
        write("users.csv", USERS_CSV);
        try (Connection writer = TestQueries.inMemory()) {
            execute(
                    writer,
                    "COPY (SELECT 2.5::DOUBLE AS revenue, 'u9' AS user_id, 3::INTEGER AS quantity, 7 AS score,"
                            + " TIMESTAMPTZ '2026-02-01 12:00:00+00' AS event_time, 'x' AS extra) TO '"
                            + dir.resolve("events.parquet") + "' (FORMAT parquet)");
        }
        try (Connection connection = load(dir)) {
            assertEquals(
                    List.of("u9 2026-02-01 12:00:00 2.500000000 3 7.0"),
                    rows(
                            connection,
                            "SELECT concat_ws(' ', user_id, event_time, revenue, quantity, score) FROM raw.events"));
            assertEquals(
                    List.of(
                            "user_id VARCHAR",
                            "event_time TIMESTAMP",
                            "revenue DECIMAL(38,9)",
                            "quantity BIGINT",
                            "score DOUBLE"),
                    columnsOf(connection, "events"));
        }
    }

    @Test
    void loadsTablesOfADuckDbFileFromSchemaMain() throws Exception {
        Path database = dir.resolve("shop.duckdb");
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            execute(writer, "CREATE TABLE users AS SELECT 'u1' AS user_id, DATE '2025-01-01' AS signup_date, 1 AS vip");
            execute(
                    writer,
                    "CREATE TABLE Events AS SELECT 'u1' AS user_id, TIMESTAMP '2026-01-01 00:00:00' AS event_time,"
                            + " 9.99 AS revenue, 1 AS quantity, 0.25 AS score");
        }
        try (Connection connection = load(database)) {
            assertEquals(
                    List.of("u1 2025-01-01 true"),
                    rows(connection, "SELECT concat_ws(' ', user_id, signup_date, vip) FROM raw.users"));
            assertEquals(
                    List.of("u1 9.990000000"),
                    rows(connection, "SELECT concat_ws(' ', user_id, revenue) FROM raw.events"));
        }
    }

    @Test
    void missingTableFileNamesTheTableAndTheAcceptedFiles() throws Exception {
        write("users.csv", USERS_CSV);
        write("event.csv", EVENTS_CSV);

        assertEquals(
                List.of(at(dir) + ": error: no file for table 'events': expected events.csv or events.parquet"
                        + " (did you mean 'event.csv'?)"),
                failures(dir));
    }

    @Test
    void missingColumnNamesColumnAndFileListsColumnsFoundAndSuggestsTheClosest() throws Exception {
        write("users.csv", USERS_CSV);
        write("events.csv", EVENTS_CSV.replace("revenue", "revenu").replace(",score", ",points"));
        Path events = dir.resolve("events.csv");

        assertEquals(
                List.of(
                        at(events) + ": error: events.csv has no column 'revenue' (table events declares it as NUMERIC)"
                                + " (did you mean 'revenu'? columns found: user_id, event_time, revenu, quantity, points)",
                        at(events) + ": error: events.csv has no column 'score' (table events declares it as FLOAT64)"
                                + " (columns found: user_id, event_time, revenu, quantity, points)"),
                failures(dir));
    }

    @Test
    void csvAndParquetForOneTableIsAmbiguous() throws Exception {
        write("users.csv", USERS_CSV);
        write("events.csv", EVENTS_CSV);
        write("events.parquet", "not read anyway");

        assertEquals(
                List.of(at(dir) + ": error: both events.csv and events.parquet exist for table 'events'"
                        + " (keep only one of them)"),
                failures(dir));
    }

    @Test
    void valuesThatDoNotFitTheDeclaredTypeNameTheColumnAndQuoteDuckDb() throws Exception {
        write("users.csv", USERS_CSV.replace("2025-03-04", "someday"));
        write("events.csv", EVENTS_CSV.replace(",2,0.5", ",many,0.5"));

        assertEquals(
                List.of(
                        at(dir.resolve("events.csv"))
                                + ": error: column 'quantity' of events.csv cannot be read as INT64:"
                                + " Conversion Error: Could not convert string 'many' to INT64"
                                + " (fix the value, or declare the column's real type in the warehouse)",
                        at(dir.resolve("users.csv"))
                                + ": error: column 'signup_date' of users.csv cannot be read as DATE:"
                                + " Conversion Error: invalid date field format: \"someday\", expected format is (YYYY-MM-DD)"
                                + " (fix the value, or declare the column's real type in the warehouse)"),
                failures(dir));
    }

    @Test
    void everyProblemOfEveryTableIsReportedAtOnce() throws Exception {
        write("users.csv", USERS_CSV.replace("vip", "v"));

        assertEquals(
                List.of(
                        at(dir) + ": error: no file for table 'events': expected events.csv or events.parquet",
                        at(dir.resolve("users.csv"))
                                + ": error: users.csv has no column 'vip' (table users declares it as BOOL)"
                                + " (did you mean 'v'? columns found: v, signup_date, user_id, nickname)"),
                failures(dir));
    }

    @Test
    void nonexistentPathSaysWhatSampleDataMayBe() {
        Path missing = dir.resolve("nowhere");

        assertEquals(
                List.of(at(missing) + ": error: sample data path does not exist (" + ExtractLoader.SAMPLE_DATA_HINT
                        + ")"),
                failures(missing));
    }

    @Test
    void aFileThatIsNotADuckDbDatabaseIsRejected() throws Exception {
        Path csv = write("users.csv", USERS_CSV);

        assertEquals(
                List.of(at(csv) + ": error: not a DuckDB database (" + ExtractLoader.SAMPLE_DATA_HINT + ")"),
                failures(csv));
    }

    @Test
    void missingTableInADuckDbFileSuggestsTheClosest() throws Exception {
        Path database = dir.resolve("shop.duckdb");
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            execute(
                    writer,
                    "CREATE TABLE users AS SELECT 'u1' AS user_id, DATE '2025-01-01' AS signup_date, true AS vip");
            execute(writer, "CREATE TABLE event AS SELECT 1 AS x");
        }

        assertEquals(
                List.of(at(database) + ": error: no table 'events' in shop.duckdb (did you mean 'event'?)"),
                failures(database));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Connection load(Path source) throws SQLException {
        Connection connection = TestQueries.inMemory();
        ExtractLoader.load(connection, WAREHOUSE, source);
        return connection;
    }

    private static List<String> failures(Path source) {
        PreviewException failure =
                assertThrows(PreviewException.class, () -> load(source).close());
        return failure.diagnostics().stream().map(Diagnostic::format).toList();
    }

    private static String at(Path file) {
        return Location.displayPath(file) + ":1:1";
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        return column(connection, sql);
    }

    private static List<String> columnsOf(Connection connection, String table) throws SQLException {
        return column(
                connection,
                "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                        + " WHERE table_schema = 'raw' AND table_name = '" + table + "' ORDER BY ordinal_position");
    }
}
