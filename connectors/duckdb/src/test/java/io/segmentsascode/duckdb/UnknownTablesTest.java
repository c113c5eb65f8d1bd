package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.TestQueries.column;
import static io.segmentsascode.duckdb.TestQueries.longValue;
import static io.segmentsascode.duckdb.TestQueries.stringValue;
import static io.segmentsascode.duckdb.TestWarehouses.column;
import static io.segmentsascode.duckdb.TestWarehouses.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.TextSyntaxException;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.DataTypeParser;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A team's warehouse may declare more than the generator knows: it fills placeholders, never fails. */
class UnknownTablesTest {

    private static final int USERS = 200;

    @Test
    void unknownTablesAndColumnsGetTypedPlaceholdersAndKnownColumnsAdaptToDeclaredTypes() throws SQLException {
        Map<String, Table> tables = TestWarehouses.bundledTables();
        Table events = tables.get("events");
        events = TestWarehouses.withColumn(events, column("channel_group", ColumnType.STRING));
        events = TestWarehouses.withColumn(events, column("loyalty_points", ColumnType.INT64));
        tables.put("events", events);
        // known columns declared with other types than the generator produces
        tables.put(
                "users",
                table(
                        "users",
                        Optional.empty(),
                        column("user_id", ColumnType.STRING),
                        column("signup_date", ColumnType.TIMESTAMP),
                        column("country", ColumnType.INT64)));
        tables.put(
                "orders",
                table(
                        "orders",
                        Optional.of("ordered_at"),
                        column("order_id", ColumnType.STRING),
                        column("user_id", ColumnType.STRING),
                        column("ordered_at", ColumnType.TIMESTAMP),
                        column("amount", ColumnType.NUMERIC),
                        column("paid", ColumnType.BOOL),
                        column("day", ColumnType.DATE),
                        column("weight", ColumnType.FLOAT64)));
        tables.put("stores", table("stores", Optional.empty(), column("store_id", ColumnType.STRING)));
        Warehouse warehouse = TestWarehouses.warehouse(tables);

        try (Connection connection = TestQueries.inMemory()) {
            SampleWarehouse.generate(connection, warehouse, new SampleSpec(USERS, 42));

            assertEquals(USERS, longValue(connection, "SELECT count(*) FROM raw.orders"));
            assertEquals(
                    0,
                    longValue(connection, "SELECT count(*) FROM raw.orders o ANTI JOIN raw.users u USING (user_id)"));
            assertEquals(
                    0,
                    longValue(
                            connection,
                            "SELECT count(*) FROM raw.orders WHERE order_id IS NULL OR ordered_at IS NULL"
                                    + " OR amount IS NULL OR paid IS NULL OR day IS NULL OR weight IS NULL"));
            assertEquals(
                    "2026-10-31 23:59:59",
                    stringValue(connection, "SELECT strftime(max(ordered_at), '%Y-%m-%d %H:%M:%S') FROM raw.orders"));
            assertEquals(
                    List.of("store_id_0", "store_id_1"),
                    column(connection, "SELECT store_id FROM raw.stores ORDER BY store_id LIMIT 2"));
            assertEquals(100, longValue(connection, "SELECT count(DISTINCT store_id) FROM raw.stores"));

            assertEquals(
                    0,
                    longValue(
                            connection,
                            "SELECT count(*) FROM raw.events WHERE channel_group IS NULL OR loyalty_points IS NULL"));
            assertTrue(longValue(
                            connection, "SELECT count(*) FROM raw.events WHERE event_name = 'purchase' AND revenue > 0")
                    > 0);
            assertEquals("TIMESTAMP", stringValue(connection, "SELECT typeof(signup_date) FROM raw.users LIMIT 1"));
            assertEquals(
                    0,
                    longValue(
                            connection, "SELECT count(*) FROM raw.users WHERE signup_date IS NULL OR country IS NULL"));
        }
    }

    /** GA4-style nested columns get LIST/STRUCT columns; the generator has no values for them, so they are NULL. */
    @Test
    void nestedColumnsAreDuckDbListsAndStructsLeftNull() throws SQLException, TextSyntaxException {
        Map<String, Table> tables = TestWarehouses.bundledTables();
        tables.put(
                "events",
                TestWarehouses.withColumn(
                        tables.get("events"),
                        new Column(
                                "event_params",
                                DataTypeParser.parse(
                                        "ARRAY<STRUCT<key STRING, value STRUCT<string_value STRING, int_value INT64>>>"),
                                "",
                                false)));
        Warehouse warehouse = TestWarehouses.warehouse(tables);

        try (Connection connection = TestQueries.inMemory()) {
            SampleWarehouse.generate(connection, warehouse, new SampleSpec(USERS, 42));

            assertEquals(
                    "STRUCT(\"key\" VARCHAR, \"value\" STRUCT(string_value VARCHAR, int_value BIGINT))[]",
                    stringValue(
                            connection,
                            "SELECT data_type FROM information_schema.columns"
                                    + " WHERE table_schema = 'raw' AND table_name = 'events' AND column_name = 'event_params'"));
            assertEquals(0, longValue(connection, "SELECT count(*) FROM raw.events WHERE event_params IS NOT NULL"));
            assertTrue(longValue(connection, "SELECT count(*) FROM raw.events") > 0);
        }
    }
}
