package io.segmentsascode.duckdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reading single values and columns in assertions. */
final class TestQueries {

    private TestQueries() {}

    static Connection inMemory() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        execute(connection, "SET TimeZone = 'UTC'");
        return connection;
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long longValue(Connection connection, String sql) throws SQLException {
        return Long.parseLong(stringValue(connection, sql));
    }

    static double doubleValue(Connection connection, String sql) throws SQLException {
        return Double.parseDouble(stringValue(connection, sql));
    }

    static String stringValue(Connection connection, String sql) throws SQLException {
        List<String> values = column(connection, sql);
        if (values.size() != 1) {
            throw new AssertionError("expected one row, got " + values.size() + " from " + sql);
        }
        return values.get(0);
    }

    static List<String> column(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** Order-independent digest of a table's whole content. */
    static String fingerprint(Connection connection, String table) throws SQLException {
        return stringValue(
                connection, "SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) FROM raw." + table + " t");
    }
}
