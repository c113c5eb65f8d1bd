package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.AnalysisCatalog.CatalogTable;
import io.segmentsascode.diagnostics.TextSyntaxException;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.DataTypeParser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GA4-shaped nested columns ({@code event_params} ARRAY of STRUCT, {@code items}, a {@code device}
 * STRUCT) declared as warehouse.yaml declares them, analysed by GoogleSQL and translated to DuckDB
 * LIST/STRUCT columns, each query RUN on hand-made rows whose expected results are worked out in
 * the test: UNNEST, field access, SAFE_OFFSET, and NULL or empty arrays as BigQuery reads them.
 */
class NestedColumnsOnDuckDbTest {

    private static final String EVENT_PARAMS = "ARRAY<STRUCT<key STRING, value STRUCT<string_value STRING,"
            + " int_value INT64, float_value FLOAT64, double_value FLOAT64>>>";
    private static final String ITEMS = "ARRAY<STRUCT<item_name STRING, price FLOAT64>>";
    private static final String DEVICE = "STRUCT<category STRING>";

    private static AnalysisCatalog catalog;
    private static Connection connection;

    @BeforeAll
    static void open() throws SQLException, TextSyntaxException {
        catalog = new AnalysisCatalog(
                List.of(new CatalogTable(
                        "ga4_events",
                        List.of(
                                new Column("user_pseudo_id", ColumnType.STRING, "", false),
                                new Column("event_name", ColumnType.STRING, "", false),
                                new Column("event_params", DataTypeParser.parse(EVENT_PARAMS), "", false),
                                new Column("items", DataTypeParser.parse(ITEMS), "", false),
                                new Column("device", DataTypeParser.parse(DEVICE), "", false)))),
                Map.of("run_time", ColumnType.TIMESTAMP));
        connection = DriverManager.getConnection("jdbc:duckdb:");
        execute("SET TimeZone = 'UTC'");
        execute("SET VARIABLE run_time = TIMESTAMP '2026-01-31 00:00:00'");
        // the DuckDB spelling the sample warehouse gives these types (RawSchema)
        execute("CREATE TABLE ga4_events (user_pseudo_id VARCHAR, event_name VARCHAR,"
                + " event_params STRUCT(\"key\" VARCHAR, \"value\" STRUCT(string_value VARCHAR, int_value BIGINT,"
                + " float_value DOUBLE, double_value DOUBLE))[],"
                + " items STRUCT(item_name VARCHAR, price DOUBLE)[], device STRUCT(category VARCHAR))");
        execute("""
                INSERT INTO ga4_events VALUES
                  ('p1', 'page_view',
                   [{'key': 'page_location', 'value': {'string_value': 'https://shop.example/sale', 'int_value': NULL, 'float_value': NULL, 'double_value': NULL}},
                    {'key': 'ga_session_number', 'value': {'string_value': NULL, 'int_value': 3, 'float_value': NULL, 'double_value': NULL}}],
                   [], {'category': 'mobile'}),
                  ('p2', 'purchase',
                   [{'key': 'ga_session_number', 'value': {'string_value': NULL, 'int_value': 1, 'float_value': NULL, 'double_value': NULL}}],
                   [{'item_name': 'boots', 'price': 80.0}, {'item_name': 'socks', 'price': 5.5}], {'category': 'desktop'}),
                  ('p3', 'page_view', NULL, NULL, NULL),
                  ('p4', 'page_view', [], [{'item_name': 'hat', 'price': 12.0}], {'category': NULL})
                """);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    /** The GoogleSQL idiom for one parameter: NULL where the event lacks it (p3 has no array, p4 an empty one). */
    @Test
    void scalarSubqueryOverUnnestReadsOneParameter() throws SQLException {
        assertEquals(List.of("p1 | 3", "p2 | 1", "p3 | null", "p4 | null"), rows("""
                SELECT user_pseudo_id,
                       (SELECT p.value.int_value FROM UNNEST(event_params) AS p WHERE p.key = 'ga_session_number') AS session_number
                FROM ga4_events
                ORDER BY user_pseudo_id
                """));
    }

    /** Unaliased UNNEST columns are read by field name, as GA4 queries write them. */
    @Test
    void unaliasedUnnestFieldsResolveToTheElement() throws SQLException {
        assertEquals(List.of("p1 | https://shop.example/sale"), rows("""
                SELECT user_pseudo_id,
                       (SELECT value.string_value FROM UNNEST(event_params) WHERE key = 'page_location') AS page
                FROM ga4_events
                WHERE EXISTS (SELECT 1 FROM UNNEST(event_params) WHERE key = 'page_location')
                """));
    }

    /** A comma join with UNNEST is an inner join: p3 (NULL array) and p4 (empty array) give no row. */
    @Test
    void commaJoinWithUnnestDropsEventsWithoutElements() throws SQLException {
        assertEquals(
                List.of("p1 | ga_session_number | 1", "p1 | page_location | 0", "p2 | ga_session_number | 0"),
                rows("""
                SELECT e.user_pseudo_id, p.key, o
                FROM ga4_events AS e, UNNEST(e.event_params) AS p WITH OFFSET AS o
                ORDER BY e.user_pseudo_id, p.key
                """));
    }

    /** items[SAFE_OFFSET(0)]: NULL for an empty or NULL array, the first element's field otherwise; [1] past the end is NULL too. */
    @Test
    void safeOffsetIntoAnArrayOfStructs() throws SQLException {
        assertEquals(
                List.of("p1 | null | null", "p2 | boots | socks", "p3 | null | null", "p4 | hat | null"), rows("""
                SELECT user_pseudo_id, items[SAFE_OFFSET(0)].item_name AS first_item, items[SAFE_OFFSET(1)].item_name AS second_item
                FROM ga4_events
                ORDER BY user_pseudo_id
                """));
    }

    /** A NULL struct's field is NULL (p3), as is a NULL field (p4). */
    @Test
    void structFieldAccess() throws SQLException {
        assertEquals(List.of("p1 | mobile", "p2 | desktop", "p3 | null", "p4 | null"), rows("""
                SELECT user_pseudo_id, device.category FROM ga4_events ORDER BY user_pseudo_id
                """));
    }

    /** Aggregating over the elements: revenue of each user's items (p2: 80 + 5.5), users without items absent. */
    @Test
    void aggregateOverUnnestedStructs() throws SQLException {
        assertEquals(List.of("p2 | 85.5 | 2", "p4 | 12.0 | 1"), rows("""
                SELECT user_pseudo_id, SUM(item.price) AS spent, COUNT(*) AS n
                FROM ga4_events, UNNEST(items) AS item
                GROUP BY user_pseudo_id
                ORDER BY user_pseudo_id
                """));
    }

    private static List<String> rows(String googleSql) throws SQLException {
        String duckDbSql = DuckDbPreview.TRANSLATOR.translate(googleSql, catalog, DuckDbPreview.RUN_TIME_EXPRESSION);
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(duckDbSql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : " | ").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
