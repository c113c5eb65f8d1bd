package io.segmentsascode.googlesql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory DuckDB with the sample warehouse's logical tables (BigQuery's types as the preview
 * declares them), the session in UTC and {@code run_time} set, and the translator under test.
 */
final class DuckDbPreview implements AutoCloseable {

    static final String RUN_TIME_EXPRESSION = "getvariable('run_time')";
    static final ResolvedTreeDuckDbTranslator TRANSLATOR = new ResolvedTreeDuckDbTranslator(
            () -> new SqlAnalyzers.Choice(SharedAnalyzer.googleSql(), Optional.empty()));

    private final Connection connection;

    DuckDbPreview(String runTime) throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        execute("SET TimeZone = 'UTC'");
        execute("SET VARIABLE run_time = TIMESTAMP '" + runTime + "'");
        execute("CREATE TABLE users (user_id VARCHAR, signup_date DATE, country VARCHAR, device_type VARCHAR)");
        execute("CREATE TABLE events (user_id VARCHAR, event_name VARCHAR, event_time TIMESTAMP, source VARCHAR,"
                + " campaign_id VARCHAR, revenue DECIMAL(38, 9), product_category VARCHAR, session_id VARCHAR)");
        execute("CREATE TABLE sessions (session_id VARCHAR, user_id VARCHAR, session_start TIMESTAMP, source VARCHAR,"
                + " time_on_site_seconds BIGINT, pageviews BIGINT)");
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String translate(String googleSql) {
        return TRANSLATOR.translate(googleSql, Warehouse.CATALOG, RUN_TIME_EXPRESSION);
    }

    /** The translated query's rows, each as its values joined by " | " (NULL as "null"). */
    List<String> run(String googleSql) throws SQLException {
        return rows(translate(googleSql));
    }

    List<String> rows(String duckDbSql) throws SQLException {
        List<String> rows = new ArrayList<>();
        // one statement per query: DuckDB's JDBC closes a statement whose query failed
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

    /** The single value of a one-row, one-column query. */
    String value(String googleSql) throws SQLException {
        List<String> rows = run(googleSql);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows + " from " + translate(googleSql));
        }
        return rows.get(0);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
