package io.segmentsascode.googlesql;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory DuckDB with small hand-made users/events/sessions tables (logical names, in
 * schema main, or in schema raw behind engine-style CTEs), the preview's types (DECIMAL(38, 9)
 * revenue, naive UTC TIMESTAMPs) and {@code run_time = 2026-01-31 00:00:00}.
 *
 * <pre>
 * users     signup       country device      | sessions in the last 30 days (>= 2026-01-01 00:00)
 * u01  2025-06-01  FR  desktop               | s01 email, s02 email
 * u02  2025-12-20  DE  mobile                | s03 email, s04 email      (s20 organic 2025-06-01)
 * u03  2026-01-10  FR  mobile                | s05 s06 s07 email, s08 paid_display
 * u04  2025-01-15  US  desktop               | s09 email, s10 email
 * u05  2024-11-30  US  tablet                | s12 email, s18 organic, s19 paid_search (s11 email 2025-12-31 23:59:59)
 * u06  2026-01-30  -   mobile                | s13 email at exactly 2026-01-01 00:00:00, s14 email
 * u07  2025-03-03  FR  desktop               | s15 s16 email, s17 paid_search
 * u08  -           DE  mobile                | (none)
 * purchases: u02 2025-06-01 10:00 organic 120.50 standard; u05 2026-01-05 09:30 paid_search 60 premium,
 *            2026-01-28 12:00 organic 40 accessories; u07 2026-01-30 18:00 paid_search 300 premium,
 *            2024-12-01 10:00 organic 10 sale
 * premium product views: u01 01-20, u02 01-25, u03 01-15, u04 2025-12-15, u05 01-10, u06 01-30 23:00
 * </pre>
 */
final class PreviewDatabase implements AutoCloseable {

    static final String RUN_TIME_EXPRESSION = "getvariable('run_time')";

    private static final String[] DATA = {
        "INSERT INTO %susers VALUES"
                + " ('u01', DATE '2025-06-01', 'FR', 'desktop'), ('u02', DATE '2025-12-20', 'DE', 'mobile'),"
                + " ('u03', DATE '2026-01-10', 'FR', 'mobile'), ('u04', DATE '2025-01-15', 'US', 'desktop'),"
                + " ('u05', DATE '2024-11-30', 'US', 'tablet'), ('u06', DATE '2026-01-30', NULL, 'mobile'),"
                + " ('u07', DATE '2025-03-03', 'FR', 'desktop'), ('u08', NULL, 'DE', 'mobile')",
        "INSERT INTO %ssessions VALUES"
                + " ('s01', 'u01', TIMESTAMP '2026-01-05 10:00:00', 'email', 120, 3),"
                + " ('s02', 'u01', TIMESTAMP '2026-01-20 08:00:00', 'email', 300, 5),"
                + " ('s03', 'u02', TIMESTAMP '2026-01-10 09:00:00', 'email', 60, 1),"
                + " ('s04', 'u02', TIMESTAMP '2026-01-25 19:00:00', 'email', 90, 2),"
                + " ('s05', 'u03', TIMESTAMP '2026-01-11 10:00:00', 'email', 30, 1),"
                + " ('s06', 'u03', TIMESTAMP '2026-01-12 10:00:00', 'email', 45, 2),"
                + " ('s07', 'u03', TIMESTAMP '2026-01-14 10:00:00', 'email', 50, 2),"
                + " ('s08', 'u03', TIMESTAMP '2026-01-15 10:00:00', 'paid_display', 20, 1),"
                + " ('s09', 'u04', TIMESTAMP '2026-01-03 10:00:00', 'email', 100, 4),"
                + " ('s10', 'u04', TIMESTAMP '2026-01-04 10:00:00', 'email', 200, 6),"
                + " ('s11', 'u05', TIMESTAMP '2025-12-31 23:59:59', 'email', 80, 2),"
                + " ('s12', 'u05', TIMESTAMP '2026-01-12 10:00:00', 'email', 70, 2),"
                + " ('s13', 'u06', TIMESTAMP '2026-01-01 00:00:00', 'email', 10, 1),"
                + " ('s14', 'u06', TIMESTAMP '2026-01-30 22:00:00', 'email', 600, 9),"
                + " ('s15', 'u07', TIMESTAMP '2026-01-06 10:00:00', 'email', 40, 1),"
                + " ('s16', 'u07', TIMESTAMP '2026-01-07 10:00:00', 'email', 40, 1),"
                + " ('s17', 'u07', TIMESTAMP '2026-01-30 17:30:00', 'paid_search', 500, 8),"
                + " ('s18', 'u05', TIMESTAMP '2026-01-28 11:00:00', 'organic', 240, 5),"
                + " ('s19', 'u05', TIMESTAMP '2026-01-05 09:00:00', 'paid_search', 150, 4),"
                + " ('s20', 'u02', TIMESTAMP '2025-06-01 09:50:00', 'organic', 100, 3)",
        "INSERT INTO %sevents VALUES"
                + " ('u01', 'product_view', TIMESTAMP '2026-01-20 08:05:00', 'email', NULL, NULL, 'premium', 's02'),"
                + " ('u01', 'email_open', TIMESTAMP '2026-01-19 07:00:00', 'email', 'cmp_a', NULL, NULL, NULL),"
                + " ('u02', 'product_view', TIMESTAMP '2026-01-25 19:05:00', 'email', NULL, NULL, 'premium', 's04'),"
                + " ('u02', 'purchase', TIMESTAMP '2025-06-01 10:00:00', 'organic', NULL, 120.50, 'standard', 's20'),"
                + " ('u03', 'product_view', TIMESTAMP '2026-01-15 10:05:00', 'paid_display', 'cmp_b', NULL, 'premium', 's08'),"
                + " ('u03', 'product_view', TIMESTAMP '2026-01-11 10:05:00', 'email', NULL, NULL, 'standard', 's05'),"
                + " ('u04', 'product_view', TIMESTAMP '2025-12-15 10:00:00', 'email', NULL, NULL, 'premium', NULL),"
                + " ('u04', 'product_view', TIMESTAMP '2026-01-03 10:05:00', 'email', NULL, NULL, 'standard', 's09'),"
                + " ('u05', 'product_view', TIMESTAMP '2026-01-10 10:00:00', 'organic', NULL, NULL, 'premium', NULL),"
                + " ('u05', 'purchase', TIMESTAMP '2026-01-28 12:00:00', 'organic', NULL, 40.00, 'accessories', 's18'),"
                + " ('u05', 'purchase', TIMESTAMP '2026-01-05 09:30:00', 'paid_search', 'cmp_c', 60.00, 'premium', 's19'),"
                + " ('u06', 'product_view', TIMESTAMP '2026-01-30 23:00:00', 'email', NULL, NULL, 'premium', 's14'),"
                + " ('u07', 'product_view', TIMESTAMP '2026-01-06 10:05:00', 'email', NULL, NULL, 'standard', 's15'),"
                + " ('u07', 'purchase', TIMESTAMP '2026-01-30 18:00:00', 'paid_search', 'cmp_c', 300.00, 'premium', 's17'),"
                + " ('u07', 'purchase', TIMESTAMP '2024-12-01 10:00:00', 'organic', NULL, 10.00, 'sale', NULL),"
                + " ('u07', 'email_open', TIMESTAMP '2026-01-29 08:00:00', 'email', 'cmp_a', NULL, NULL, NULL),"
                + " ('u08', 'email_open', TIMESTAMP '2025-10-01 08:00:00', 'email', 'cmp_a', NULL, NULL, NULL)",
    };

    private final Connection connection;

    private PreviewDatabase(Connection connection) {
        this.connection = connection;
    }

    /** Tables under their logical names in schema main. */
    static PreviewDatabase logicalTables() throws SQLException {
        return create("");
    }

    /** Tables in schema raw, as the preview engine keeps them (queries go through CTEs). */
    static PreviewDatabase rawTables() throws SQLException {
        return create("raw.");
    }

    private static PreviewDatabase create(String prefix) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        PreviewDatabase db = new PreviewDatabase(connection);
        db.execute("SET TimeZone = 'UTC'");
        db.execute("SET VARIABLE run_time = TIMESTAMP '2026-01-31 00:00:00'");
        if (!prefix.isEmpty()) {
            db.execute("CREATE SCHEMA raw");
        }
        db.execute("CREATE TABLE " + prefix
                + "users (user_id VARCHAR, signup_date DATE, country VARCHAR, device_type VARCHAR)");
        db.execute(
                "CREATE TABLE " + prefix + "events (user_id VARCHAR, event_name VARCHAR, event_time TIMESTAMP, "
                        + "source VARCHAR, campaign_id VARCHAR, revenue DECIMAL(38, 9), product_category VARCHAR, session_id VARCHAR)");
        db.execute("CREATE TABLE " + prefix + "sessions (session_id VARCHAR, user_id VARCHAR, session_start TIMESTAMP, "
                + "source VARCHAR, time_on_site_seconds BIGINT, pageviews BIGINT)");
        for (String insert : DATA) {
            db.execute(String.format(insert, prefix));
        }
        return db;
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Result of a query: column name → DuckDB type, and rows as "v1|v2|..." strings. */
    record Result(Map<String, String> columns, List<String> rows) {
        List<String> sortedRows() {
            return rows.stream().sorted().toList();
        }
    }

    /** Runs a query the way the engine embeds it: {@code SELECT * FROM (<query>)}. One Statement per query. */
    Result query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM (" + sql + ")")) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, String> columns = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.put(md.getColumnName(i), md.getColumnTypeName(i));
            }
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                String[] values = new String[md.getColumnCount()];
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    values[i - 1] = text(rs.getObject(i));
                }
                rows.add(String.join("|", values));
            }
            return new Result(columns, rows);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof Array array) {
            try {
                return Arrays.toString((Object[]) array.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return value.toString();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
