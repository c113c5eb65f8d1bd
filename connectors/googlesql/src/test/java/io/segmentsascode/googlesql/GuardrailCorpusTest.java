package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.Guardrails;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guardrails as users meet them: the core's policy on the facts of the real GoogleSQL
 * analyzer. Each bad query is rejected with the expected message; each realistic segmentation
 * query passes.
 */
class GuardrailCorpusTest {

    private static GoogleSqlAnalyzer analyzer;
    private static final AnalysisCatalog CATALOG = new AnalysisCatalog(
            List.of(
                    table(
                            "users",
                            col("user_id", ColumnType.STRING),
                            col("signup_date", ColumnType.DATE),
                            col("country", ColumnType.STRING),
                            col("device_type", ColumnType.STRING)),
                    table(
                            "events",
                            col("user_id", ColumnType.STRING),
                            col("event_name", ColumnType.STRING),
                            col("event_time", ColumnType.TIMESTAMP),
                            col("source", ColumnType.STRING),
                            col("campaign_id", ColumnType.STRING),
                            col("revenue", ColumnType.NUMERIC),
                            col("product_category", ColumnType.STRING),
                            col("session_id", ColumnType.STRING)),
                    table(
                            "sessions",
                            col("session_id", ColumnType.STRING),
                            col("user_id", ColumnType.STRING),
                            col("session_start", ColumnType.TIMESTAMP),
                            col("source", ColumnType.STRING),
                            col("time_on_site_seconds", ColumnType.INT64),
                            col("pageviews", ColumnType.INT64)),
                    table(
                            "identities",
                            col("user_id", ColumnType.STRING),
                            new Column("email", ColumnType.STRING, "", true),
                            new Column("phone", ColumnType.STRING, "", true),
                            col("opted_out", ColumnType.BOOL))),
            Map.of("run_time", ColumnType.TIMESTAMP));
    private static final Pattern POSITION = Pattern.compile("\\[at \\d+:\\d+]|line \\d+|\\b\\d+:\\d+\\b");
    private static final List<OutputColumn> USERS_AND_COUNT =
            List.of(new OutputColumn("user_id", ColumnType.STRING), new OutputColumn("n", ColumnType.INT64));

    @BeforeAll
    static void load() {
        analyzer = new GoogleSqlAnalyzer();
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    private static AnalysisCatalog.CatalogTable table(String name, Column... columns) {
        return new AnalysisCatalog.CatalogTable(name, List.of(columns));
    }

    private static Column col(String name, ColumnType type) {
        return new Column(name, type, "", false);
    }

    private static String violations(String sql) {
        return Guardrails.check(analyzer.analyze(sql, CATALOG), CATALOG, USERS_AND_COUNT).stream()
                .map(v -> v.line() + ":" + v.column() + " " + v.message())
                .collect(Collectors.joining("\n"));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of(
                        "CREATE TABLE x AS SELECT user_id, 1 AS n FROM users", "only a read-only SELECT is allowed"),
                Arguments.of("CREATE OR REPLACE VIEW v AS SELECT 1", "only a read-only SELECT is allowed"),
                Arguments.of("DROP TABLE users", "only a read-only SELECT is allowed"),
                Arguments.of("ALTER TABLE users ADD COLUMN x STRING", "only a read-only SELECT is allowed"),
                Arguments.of("INSERT INTO users (user_id) VALUES ('x')", "only a read-only SELECT is allowed"),
                Arguments.of("UPDATE users SET country = 'DE' WHERE TRUE", "only a read-only SELECT is allowed"),
                Arguments.of("DELETE FROM users WHERE TRUE", "only a read-only SELECT is allowed"),
                Arguments.of(
                        "MERGE users u USING users s ON u.user_id = s.user_id WHEN MATCHED THEN DELETE",
                        "only a read-only SELECT is allowed"),
                Arguments.of("TRUNCATE TABLE users", "only a read-only SELECT is allowed"),
                Arguments.of(
                        "GRANT `roles/bigquery.admin` ON TABLE users TO 'user:x@example.com'",
                        "only a read-only SELECT"),
                Arguments.of(
                        "SELECT user_id, 1 AS n FROM users; SELECT user_id, 2 AS n FROM users",
                        "the SQL holds 2 statements"),
                Arguments.of("SELECT user_id, 1 AS n FROM users; DROP TABLE users", "the SQL holds 2 statements"),
                Arguments.of(
                        "SELECT user_id, 1 AS n FROM users -- harmless\n; DELETE FROM users WHERE TRUE",
                        "the SQL holds 2 statements"),
                Arguments.of(
                        "SELECT user_id, 1 AS n FROM users /* ; */ ; DROP TABLE users", "the SQL holds 2 statements"),
                Arguments.of(
                        "DECLARE x INT64 DEFAULT 1; SELECT user_id, x AS n FROM users", "the SQL holds 2 statements"),
                Arguments.of("BEGIN SELECT user_id, 1 AS n FROM users; END", "only a read-only SELECT is allowed"),
                Arguments.of("SET @@dataset_id = 'x'", "only a read-only SELECT is allowed"),
                Arguments.of("EXECUTE IMMEDIATE 'DROP TABLE users'", "only a read-only SELECT is allowed"),
                Arguments.of(
                        "SELECT user_id, 1 AS n FROM `acme-marketing.analytics.users`",
                        "1:29 reads undeclared table 'acme-marketing.analytics.users'"),
                Arguments.of("SELECT user_id, 1 AS n FROM users_backup", "1:29 reads undeclared table 'users_backup'"),
                Arguments.of(
                        "SELECT user_id, COUNT(*) AS n FROM orders GROUP BY user_id",
                        "1:36 reads undeclared table 'orders'"),
                Arguments.of(
                        "SELECT * FROM identities",
                        "SELECT * over 'identities' would expose its PII columns email, phone"),
                Arguments.of("SELECT i.* FROM identities AS i", "would expose its PII columns email, phone"),
                Arguments.of(
                        "SELECT user_id, email AS n FROM identities",
                        "1:17 output column 'n' is STRING but the contract says INT64"),
                Arguments.of(
                        "SELECT user_id FROM users",
                        "1:8 the query returns 1 columns (user_id STRING) but the contract has 2"),
                Arguments.of("SELECT user_id, 1 AS n, 2 AS m FROM users", "1:25 the query returns 3 columns"),
                Arguments.of(
                        "SELECT user_id, 1 AS cnt FROM users",
                        "1:17 output column 2 is 'cnt' but the contract says 'n'"),
                Arguments.of(
                        "SELECT user_id, 1.5 AS n FROM users",
                        "1:17 output column 'n' is FLOAT64 but the contract says INT64"),
                Arguments.of(
                        "SELECT user_id,\n  LENGTH(email) AS n\nFROM identities", "2:3 output column 'n' carries PII"),
                Arguments.of(
                        "WITH x AS (SELECT user_id FROM users)\nSELECT user_id,\n  2.5 AS n FROM x UNION ALL SELECT user_id, 1.5 FROM x",
                        "3:3 output column 'n' is FLOAT64"),
                Arguments.of(
                        "SELECT user_id, SUM(revenue) AS n FROM events GROUP BY user_id",
                        "output column 'n' is NUMERIC but the contract says INT64"),
                Arguments.of(
                        "SELECT user_id, COUNT(*) AS n FROM events WHERE event_time > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), "
                                + "INTERVAL 30 DAY) GROUP BY user_id",
                        "CURRENT_TIMESTAMP() is not allowed"),
                Arguments.of(
                        "SELECT user_id, DATE_DIFF(CURRENT_DATE(), signup_date, DAY) AS n FROM users",
                        "CURRENT_DATE() is not allowed"),
                Arguments.of("SELECT user_id, CAST(RAND() * 10 AS INT64) AS n FROM users", "RAND() is not allowed"),
                Arguments.of("SELECT user_id, 1 AS n FROM EXTERNAL_QUERY('us.conn', 'SELECT 1')", "EXTERNAL_QUERY"),
                Arguments.of(
                        "WITH users AS (SELECT 'x' AS user_id) SELECT user_id, 1 AS n FROM users",
                        "WITH clause 'users' shadows the logical table of the same name"),
                Arguments.of(
                        "WITH events AS (SELECT user_id FROM users) SELECT user_id, COUNT(*) AS n FROM events GROUP BY 1",
                        "WITH clause 'events' shadows"),
                Arguments.of(
                        "SELECT user_id, COUNT(*) AS n FROM events WHERE revenu > 0 GROUP BY user_id",
                        "Unrecognized name: revenu; Did you mean revenue?"),
                Arguments.of(
                        "SELECT user_id, SAFE_DIVIDE(country, 2) AS n FROM users",
                        "No matching signature for function SAFE_DIVIDE"),
                Arguments.of("SELECT user_id, 1 AS n FROM users WHERE", "Syntax error"),
                Arguments.of(
                        "SELECT user_id, 1 AS n FROM users WHERE country = @country",
                        "Query parameter 'country' not found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectedWithTheExpectedMessage(String sql, String expected) {
        String found = violations(sql);
        assertTrue(found.contains(expected), "expected '" + expected + "' for\n" + sql + "\nbut got:\n" + found);
    }

    static Stream<String> accepted() {
        return Stream.of(
                "SELECT user_id, COUNT(*) AS n FROM events WHERE event_time > TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY) GROUP BY user_id",
                "SELECT user_id, COUNTIF(source = 'email') AS n FROM sessions GROUP BY user_id HAVING COUNTIF(source = 'paid_display') = 0",
                "WITH r AS (SELECT user_id, SUM(revenue) AS m FROM events WHERE revenue > 0 GROUP BY user_id) "
                        + "SELECT user_id, NTILE(5) OVER (ORDER BY m, user_id) AS n FROM r",
                "SELECT user_id, ROW_NUMBER() OVER (PARTITION BY country ORDER BY signup_date) AS n FROM users WHERE TRUE "
                        + "QUALIFY ROW_NUMBER() OVER (PARTITION BY country ORDER BY signup_date) <= 10",
                "SELECT user_id, CAST(FLOOR(SAFE_DIVIDE(SUM(revenue), COUNT(*))) AS INT64) AS n FROM events GROUP BY user_id",
                "SELECT user_id, TIMESTAMP_DIFF(@run_time, MAX(event_time), DAY) AS n FROM events GROUP BY user_id",
                "SELECT user_id, DATE_DIFF(DATE(@run_time), signup_date, DAY) AS n FROM users",
                "SELECT user_id, ARRAY_LENGTH(ARRAY_AGG(DISTINCT source)) AS n FROM sessions GROUP BY user_id",
                "SELECT u.user_id, (SELECT COUNT(*) FROM UNNEST([1, 2, 3]) AS x WHERE x > 1) AS n FROM users AS u",
                "SELECT s.user_id, s.stats.visits AS n FROM (SELECT user_id, STRUCT(COUNT(*) AS visits) AS stats FROM sessions "
                        + "GROUP BY user_id) AS s",
                "SELECT u.user_id, COUNT(e.event_name) AS n FROM users AS u LEFT JOIN events AS e USING (user_id) "
                        + "WHERE u.country IN ('DE', 'FR') GROUP BY u.user_id",
                "SELECT i.user_id, COUNT(*) AS n FROM identities AS i JOIN events AS e ON e.user_id = i.user_id "
                        + "WHERE NOT i.opted_out GROUP BY i.user_id",
                // column names compare case-insensitively, as in BigQuery
                "SELECT User_ID, COUNT(*) AS N FROM events GROUP BY 1");
    }

    /** The location prefix gives the position; a message repeating one ("[at 1:8]", "line 1, column 8") doubles it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void messagesCarryNoPositionOfTheirOwn(String sql, String expected) {
        for (Guardrails.Violation violation :
                Guardrails.check(analyzer.analyze(sql, CATALOG), CATALOG, USERS_AND_COUNT)) {
            assertFalse(POSITION.matcher(violation.message()).find(), violation.message());
        }
    }

    @Test
    void anUndeclaredTableIsReportedOnceByThePolicyNotAlsoAsTableNotFound() {
        assertEquals(
                "1:36 reads undeclared table 'orders'",
                violations("SELECT user_id, COUNT(*) AS n FROM orders GROUP BY user_id"));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void realisticSegmentationQueriesPass(String sql) {
        assertEquals("", violations(sql), sql);
    }
}
