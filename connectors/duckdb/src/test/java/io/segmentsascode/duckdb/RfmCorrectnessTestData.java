package io.segmentsascode.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The hand-made raw users and purchases whose RFM scores {@link RfmCorrectnessTest} computes by hand. */
final class RfmCorrectnessTestData {

    private RfmCorrectnessTestData() {}

    /**
     * Purchases as (user, days before run time, revenue). Each is one hour earlier than the whole
     * day, so recency checks that partial days are truncated. u11 bought only outside the window,
     * u12 never bought, u99 is a test user whose purchases would shift every quintile.
     */
    static void load(Connection connection, String runTime) throws SQLException {
        String[][] purchases = {
            {"u01", "5", "100"},
            {"u02", "10", "50"},
            {"u02", "40", "50"},
            {"u03", "2", "200"},
            {"u03", "30", "200"},
            {"u03", "60", "200"},
            {"u04", "200", "20"},
            {"u05", "100", "100"},
            {"u05", "120", "100"},
            {"u05", "150", "100"},
            {"u05", "180", "100"},
            {"u05", "200", "100"},
            {"u06", "5", "100"},
            {"u07", "1", "300"},
            {"u07", "3", "300"},
            {"u07", "7", "300"},
            {"u07", "9", "300"},
            {"u08", "300", "10"},
            {"u08", "310", "10"},
            {"u09", "50", "1000"},
            {"u10", "20", "30"},
            {"u10", "25", "30"},
            {"u10", "90", "30"},
            {"u11", "400", "500"},
            {"u99", "1", "9999"},
            {"u99", "2", "9999"},
            {"u99", "3", "9999"},
        };
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("CREATE SCHEMA raw");
            statement.execute(
                    "CREATE TABLE raw.users (user_id VARCHAR, signup_date DATE, country VARCHAR, device_type VARCHAR)");
            statement.execute(
                    "CREATE TABLE raw.events (user_id VARCHAR, event_name VARCHAR, event_time TIMESTAMP, "
                            + "source VARCHAR, campaign_id VARCHAR, revenue DECIMAL(38, 9), product_category VARCHAR, session_id VARCHAR)");
            for (int i = 1; i <= 12; i++) {
                statement.execute(
                        String.format("INSERT INTO raw.users VALUES ('u%02d', DATE '2024-01-01', 'DE', 'mobile')", i));
            }
            statement.execute("INSERT INTO raw.users VALUES ('u99', DATE '2024-01-01', 'TEST', 'desktop')");
            for (String[] p : purchases) {
                statement.execute("INSERT INTO raw.events VALUES ('" + p[0] + "', 'purchase', TIMESTAMP '" + runTime
                        + "' - INTERVAL " + p[1] + " DAY - INTERVAL 1 HOUR, 'organic', NULL, " + p[2]
                        + ", 'standard', NULL)");
            }
            statement.execute("INSERT INTO raw.events VALUES ('u12', 'page_view', TIMESTAMP '" + runTime
                    + "' - INTERVAL 3 DAY, 'organic', NULL, NULL, NULL, NULL)");
            statement.execute("SET VARIABLE run_time = TIMESTAMP '" + runTime + "'");
        }
    }
}
