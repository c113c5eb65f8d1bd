package io.segmentsascode.duckdb;

import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.RfmModel;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Warehouses built by hand: the layout of segments/warehouse.yaml, and variations of it. */
final class TestWarehouses {

    private TestWarehouses() {}

    /** Tables and columns exactly as the bundled warehouse.yaml declares them. */
    static Map<String, Table> bundledTables() {
        Map<String, Table> tables = new LinkedHashMap<>();
        put(
                tables,
                table(
                        "users",
                        Optional.empty(),
                        column("user_id", ColumnType.STRING),
                        column("signup_date", ColumnType.DATE),
                        column("country", ColumnType.STRING),
                        column("device_type", ColumnType.STRING)));
        put(
                tables,
                table(
                        "events",
                        Optional.of("event_time"),
                        column("user_id", ColumnType.STRING),
                        column("event_name", ColumnType.STRING),
                        column("event_time", ColumnType.TIMESTAMP),
                        column("source", ColumnType.STRING),
                        column("campaign_id", ColumnType.STRING),
                        column("revenue", ColumnType.NUMERIC),
                        column("product_category", ColumnType.STRING),
                        column("session_id", ColumnType.STRING)));
        put(
                tables,
                table(
                        "sessions",
                        Optional.of("session_start"),
                        column("session_id", ColumnType.STRING),
                        column("user_id", ColumnType.STRING),
                        column("session_start", ColumnType.TIMESTAMP),
                        column("source", ColumnType.STRING),
                        column("time_on_site_seconds", ColumnType.INT64),
                        column("pageviews", ColumnType.INT64)));
        put(
                tables,
                table(
                        "campaigns",
                        Optional.empty(),
                        column("campaign_id", ColumnType.STRING),
                        column("channel", ColumnType.STRING),
                        column("objective", ColumnType.STRING),
                        column("cost", ColumnType.NUMERIC)));
        put(
                tables,
                table(
                        "experiments",
                        Optional.empty(),
                        column("experiment_id", ColumnType.STRING),
                        column("segment_label", ColumnType.STRING),
                        column("variant", ColumnType.STRING),
                        column("impressions", ColumnType.INT64),
                        column("clicks", ColumnType.INT64),
                        column("conversions", ColumnType.INT64),
                        column("revenue", ColumnType.NUMERIC),
                        column("users", ColumnType.INT64),
                        column("revenue_sq_sum", ColumnType.NUMERIC)));
        put(
                tables,
                table(
                        "identities",
                        Optional.empty(),
                        column("user_id", ColumnType.STRING),
                        column("email", ColumnType.STRING),
                        column("phone", ColumnType.STRING),
                        column("consent_ad_user_data", ColumnType.BOOL),
                        column("consent_ad_personalization", ColumnType.BOOL),
                        column("opted_out", ColumnType.BOOL)));
        return tables;
    }

    static Warehouse bundled() {
        return warehouse(bundledTables());
    }

    static Warehouse warehouse(Map<String, Table> tables) {
        return new Warehouse(
                "acme-marketing",
                "analytics",
                List.of("rfm"),
                tables,
                List.of(),
                new RfmModel(RfmModel.DEFAULT_WINDOW_DAYS, Map.of()),
                Map.of(),
                Optional.empty(),
                List.of(),
                "test",
                Optional.empty(),
                "analytics",
                Optional.empty());
    }

    static Warehouse of(Table... tables) {
        Map<String, Table> map = new LinkedHashMap<>();
        for (Table table : tables) {
            put(map, table);
        }
        return warehouse(map);
    }

    static Table table(String name, Optional<String> timeColumn, Column... columns) {
        Map<String, Column> map = new LinkedHashMap<>();
        for (Column column : columns) {
            map.put(column.name(), column);
        }
        return new Table(name, name + " table", Optional.empty(), timeColumn, map);
    }

    static Column column(String name, ColumnType type) {
        return new Column(name, type, name, false);
    }

    /** {@code table} with one more column appended. */
    static Table withColumn(Table table, Column column) {
        Map<String, Column> columns = new LinkedHashMap<>(table.columns());
        columns.put(column.name(), column);
        return new Table(table.name(), table.description(), table.key(), table.timeColumn(), columns);
    }

    private static void put(Map<String, Table> tables, Table table) {
        tables.put(table.name(), table);
    }
}
