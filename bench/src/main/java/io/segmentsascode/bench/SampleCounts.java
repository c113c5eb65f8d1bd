package io.segmentsascode.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Row counts of every table in a DuckDB file, read-only: {@code java -cp
 * segments-bench.jar:deps io.segmentsascode.bench.SampleCounts FILE.duckdb}. Prints "table rows" lines.
 */
public final class SampleCounts {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0], props);
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery(
                    "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + t)) {
                    r.next();
                    System.out.println(t + " " + r.getLong(1));
                }
            }
        }
    }
}
