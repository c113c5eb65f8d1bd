package io.segmentsascode.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/** Talking SQL to DuckDB: quoting text safely, running statements, reading what DuckDB said on failure. */
final class DuckDbSql {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private DuckDbSql() {}

    /**
     * Opens {@code jdbc:duckdb:<database>} through DuckDB's own driver, not DriverManager: the
     * connectors may live in a class loader that DriverManager's service lookup never saw.
     */
    static Connection connect(String database, Properties properties) throws SQLException {
        Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + database, properties);
        if (connection == null) {
            throw new SQLException("DuckDB's driver refused jdbc:duckdb:" + database);
        }
        return connection;
    }

    /** A double-quoted identifier; logical names come from user YAML, so never splice them raw. */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code TIMESTAMP '2026-01-31 12:00:00'}: the instant as naive UTC, microseconds only when present. */
    static String timestampLiteral(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return "TIMESTAMP '" + (utc.getNano() == 0 ? SECONDS : MICROS).format(utc) + "'";
    }

    /** First line of DuckDB's message, e.g. {@code Conversion Error: Could not convert ...}, without the SQL excerpt. */
    static String gist(SQLException e) {
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    /** One Statement per statement: DuckDB JDBC closes a Statement whose query failed. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of every row, as text (NULL stays null). */
    static List<String> queryStrings(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** First column to second column, in row order. */
    static Map<String, String> queryPairs(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            Map<String, String> pairs = new LinkedHashMap<>();
            while (rows.next()) {
                pairs.put(rows.getString(1), rows.getString(2));
            }
            return pairs;
        }
    }
}
