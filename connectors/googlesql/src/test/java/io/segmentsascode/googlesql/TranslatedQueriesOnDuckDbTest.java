package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Realistic BigQuery segmentation queries, translated and RUN on DuckDB over the hand-made data
 * of {@link PreviewDatabase}; every expected row is computed by hand from that data (the
 * reasoning is in each test).
 */
class TranslatedQueriesOnDuckDbTest {

    private static PreviewDatabase db;

    @BeforeAll
    static void open() throws SQLException {
        db = PreviewDatabase.logicalTables();
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    private static PreviewDatabase.Result run(String googleSql) throws SQLException {
        return db.query(DuckDbPreview.translate(googleSql));
    }

    /**
     * Premium-intent cohort: premium product views in the last 30 days, ≥ 2 email sessions and
     * no paid_display session in 30 days, no purchase ever. Viewers in [01-01, 01-31): u01 u02
     * u03 u05 u06 (u04's view is 2025-12-15). u02 bought (2025), u03 had a paid_display session,
     * u05 has one email session in the window (s11 is one second before it). u06's s13 is
     * exactly at run_time - 30 days and counts (>=).
     */
    @Test
    void premiumIntentCohort() throws SQLException {
        PreviewDatabase.Result result = run("""
                -- premium intent: viewers who come back by email, never bought
                WITH premium_viewers AS (
                  SELECT DISTINCT user_id
                  FROM `events`
                  WHERE event_name = 'product_view'
                    AND product_category = 'premium'
                    AND event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
                    AND event_time < @run_time
                ),
                session_mix AS (
                  SELECT user_id,
                         COUNTIF(source = 'email') AS email_sessions,
                         COUNTIF(source = 'paid_display') AS display_sessions
                  FROM sessions
                  WHERE session_start >= TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
                  GROUP BY user_id
                ),
                buyers AS (
                  SELECT DISTINCT user_id FROM events WHERE event_name = 'purchase'
                )
                SELECT p.user_id, m.email_sessions
                FROM premium_viewers p
                JOIN session_mix m ON m.user_id = p.user_id
                LEFT JOIN buyers b ON b.user_id = p.user_id
                WHERE m.email_sessions >= 2 AND m.display_sessions = 0 AND b.user_id IS NULL
                ORDER BY p.user_id
                """);
        assertEquals(List.of("u01|2", "u06|2"), result.sortedRows());
        assertEquals(
                Map.of("user_id", "VARCHAR", "email_sessions", "BIGINT"), result.columns(), "COUNTIF stays BIGINT");
    }

    /**
     * RFM-style scoring over purchases of the last 365 days (>= 2025-01-31): u02 1 order 120.50
     * last 2025-06-01 10:00 (243.58 days → 243), u05 2 orders 100 last 2026-01-28 12:00 (2.5 →
     * 2), u07 1 order 300 last 2026-01-30 18:00 (0.25 → 0; its 2024 order is outside).
     * NTILE(2) by monetary desc: u07 1, u02 1, u05 2; QUALIFY keeps the top two.
     */
    @Test
    void rfmScoringWithNtileSafeDivideAndQualify() throws SQLException {
        PreviewDatabase.Result result = run("""
                WITH purchases AS (
                  SELECT user_id, COUNT(*) AS orders, SUM(revenue) AS monetary, MAX(event_time) AS last_purchase
                  FROM events
                  WHERE event_name = 'purchase'
                    AND event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 365 DAY)
                  GROUP BY user_id
                ),
                scored AS (
                  SELECT user_id, orders, monetary,
                         TIMESTAMP_DIFF(@run_time, last_purchase, DAY) AS recency_days,
                         SAFE_DIVIDE(monetary, orders) AS avg_order_value,
                         NTILE(2) OVER (ORDER BY monetary DESC) AS m_tile
                  FROM purchases
                )
                SELECT user_id, orders, monetary, recency_days, avg_order_value, m_tile
                FROM scored
                WHERE TRUE
                QUALIFY ROW_NUMBER() OVER (ORDER BY monetary DESC) <= 2
                """);
        assertEquals(List.of("u02|1|120.5|243|120.5|1", "u07|1|300|0|300|1"), result.sortedRows());
        assertEquals("BIGINT", result.columns().get("recency_days"));
        // SAFE_DIVIDE(NUMERIC, INT64) is NUMERIC in BigQuery (its result type table), not FLOAT64
        assertEquals("DECIMAL(38,9)", result.columns().get("avg_order_value"));
        assertEquals("DECIMAL(38,9)", result.columns().get("monetary"));
    }

    /**
     * Whole elapsed units, truncated toward zero. u05's last session 2026-01-28 11:00 is 61 h
     * before run_time: 2 days (not 3), -2 the other way round (FLOOR would give -3); u06 22:00
     * (2 h) and u07 17:30 (6.5 h) are 0 days, and 0 (not -1) the other way round.
     */
    @Test
    void timestampDiffTruncatesPartialPeriodsTowardZero() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT user_id,
                       TIMESTAMP_DIFF(@run_time, MAX(session_start), DAY) AS days_since,
                       TIMESTAMP_DIFF(@run_time, MAX(session_start), HOUR) AS hours_since,
                       TIMESTAMP_DIFF(MAX(session_start), @run_time, DAY) AS negative_days,
                       TIMESTAMP_DIFF(@run_time, MAX(session_start), MINUTE) AS minutes_since
                FROM sessions
                WHERE user_id IN ('u05', 'u06', 'u07')
                GROUP BY user_id
                """);
        assertEquals(List.of("u05|2|61|-2|3660", "u06|0|2|0|120", "u07|0|6|0|390"), result.sortedRows());
        assertEquals("BIGINT", result.columns().get("days_since"));
    }

    /**
     * DATE_DIFF(later, earlier, part) = later - earlier (DuckDB's date_diff takes the other
     * order). run date 2026-01-31: u06 (01-30) 1 day 0 months, u03 (01-10) 21 and 0, u02
     * (2025-12-20) 11 + 31 = 42 days and 1 month boundary.
     */
    @Test
    void dateDiffKeepsBigQueryArgumentOrder() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT user_id,
                       DATE_DIFF(DATE(@run_time), signup_date, DAY) AS tenure_days,
                       DATE_DIFF(DATE(@run_time), signup_date, MONTH) AS tenure_months,
                       DATE_DIFF(signup_date, DATE(@run_time), DAY) AS days_until
                FROM users
                WHERE signup_date IS NOT NULL AND signup_date >= DATE '2025-12-01'
                """);
        assertEquals(List.of("u02|42|1|-42", "u03|21|0|-21", "u06|1|0|-1"), result.sortedRows());
    }

    /**
     * FR/DE/unknown users: u03 (21 days) and u06 (1 day) are new; last sessions u02 01-25 and
     * u07 01-30 are within 7 days (>= 01-24) → active; u01 (01-20) lapsed; u08 has no signup
     * date (NULL condition) and no session → never_seen.
     */
    @Test
    void lifecycleCaseWithInListAndLeftJoin() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT u.user_id,
                       CASE
                         WHEN DATE_DIFF(DATE(@run_time), u.signup_date, DAY) <= 30 THEN 'new'
                         WHEN MAX(s.session_start) >= TIMESTAMP_SUB(@run_time, INTERVAL 7 DAY) THEN 'active'
                         WHEN MAX(s.session_start) IS NULL THEN 'never_seen'
                         ELSE 'lapsed'
                       END AS lifecycle
                FROM users u
                LEFT JOIN sessions s ON s.user_id = u.user_id
                WHERE u.country IN ('FR', 'DE') OR u.country IS NULL
                GROUP BY u.user_id, u.signup_date
                """);
        assertEquals(
                List.of("u01|lapsed", "u02|active", "u03|new", "u06|new", "u07|active", "u08|never_seen"),
                result.sortedRows());
    }

    /**
     * Email openers: u01 (01-19), u07 (01-29), u08 (2025-10-01). Sessions since 01-28 00:00:
     * u05, u06, u07 → u07 is not lapsed. DATE_SUB(2026-01-31, 6 MONTH) = 2025-07-31: both
     * remaining opens are later.
     */
    @Test
    void lapsedEmailOpenersWithAntiJoinAndDateSub() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT o.user_id, o.last_open, DATE_SUB(DATE(@run_time), INTERVAL 6 MONTH) AS horizon
                FROM (
                  SELECT user_id, CAST(MAX(event_time) AS DATE) AS last_open
                  FROM events
                  WHERE event_name = 'email_open'
                  GROUP BY user_id
                ) AS o
                LEFT JOIN (
                  SELECT DISTINCT user_id FROM sessions
                  WHERE session_start >= TIMESTAMP_SUB(@run_time, INTERVAL 3 DAY)
                ) AS recent ON recent.user_id = o.user_id
                WHERE recent.user_id IS NULL
                  AND o.last_open >= DATE_SUB(DATE(@run_time), INTERVAL 6 MONTH)
                """);
        assertEquals(List.of("u01|2026-01-19|2025-07-31", "u08|2025-10-01|2025-07-31"), result.sortedRows());
        assertEquals("DATE", result.columns().get("horizon"), "DATE_SUB stays a DATE");
    }

    /**
     * All purchases by source. organic: u02 120.50, u05 40, u07 10 → 3 buyers, 170.50, one order
     * above 50 of three. paid_search: u05 60, u07 300 → 2 buyers, 360, two of two. Nobody spent
     * above 1000: SAFE_DIVIDE by a zero count is NULL.
     */
    @Test
    void channelRevenueWithSafeDivideAndFloatCast() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT source,
                       COUNT(DISTINCT user_id) AS buyers,
                       SUM(revenue) AS revenue,
                       SAFE_DIVIDE(SUM(revenue), COUNT(DISTINCT user_id)) AS revenue_per_buyer,
                       CAST(COUNTIF(revenue > 50) AS FLOAT64) / COUNT(*) AS share_big,
                       SAFE_DIVIDE(SUM(revenue), COUNTIF(revenue > 1000)) AS per_whale
                FROM events
                WHERE event_name = 'purchase'
                GROUP BY source
                ORDER BY revenue DESC
                """);
        // SAFE_DIVIDE of a NUMERIC sum is NUMERIC: 170.5 / 3 rounded to 9 digits
        assertEquals(
                List.of("organic|3|170.5|56.833333333|" + (1.0 / 3) + "|null", "paid_search|2|360|180|1.0|null"),
                result.sortedRows());
        assertEquals("DOUBLE", result.columns().get("share_big"));
    }

    /**
     * Sessions since 01-01 from email/organic/paid_search (s08 paid_display and s11 are out):
     * u01 120+300, u02 60+90, u03 30+45+50 (avg 41.7, dropped), u04 100+200, u05 70+240+150
     * (avg 153.33), u06 10+600, u07 40+40+500 (avg 193.33). CAST(AVG AS INT64) rounds.
     */
    @Test
    void engagementWithHavingAndIntCast() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT user_id,
                       COUNT(*) AS sessions_30d,
                       CAST(AVG(time_on_site_seconds) AS INT64) AS avg_seconds,
                       SUM(pageviews) AS pageviews
                FROM sessions
                WHERE session_start >= TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
                  AND source IN ('email', 'organic', 'paid_search')
                GROUP BY user_id
                HAVING COUNT(*) >= 2 AND AVG(time_on_site_seconds) > 60
                """);
        assertEquals(
                List.of("u01|2|210|8", "u02|2|75|3", "u04|2|150|10", "u05|3|153|11", "u06|2|305|10", "u07|3|193|10"),
                result.sortedRows());
        assertEquals("BIGINT", result.columns().get("avg_seconds"));
    }

    /** Last session per user (ROW_NUMBER ... DESC, QUALIFY with WHERE TRUE). */
    @Test
    void lastSessionSourceWithRowNumberQualify() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT user_id, source AS last_source
                FROM sessions
                WHERE TRUE
                QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY session_start DESC) = 1
                """);
        assertEquals(
                List.of(
                        "u01|email",
                        "u02|email",
                        "u03|paid_display",
                        "u04|email",
                        "u05|organic",
                        "u06|email",
                        "u07|paid_search"),
                result.sortedRows());
    }

    /** Lifetime value (all purchases): u07 300 + 10, u02 120.50, u05 60 + 40; everyone else 0. */
    @Test
    void valueTiersWithIfnullAndLeftJoin() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT u.user_id,
                       IFNULL(SUM(e.revenue), 0) AS lifetime_value,
                       CASE
                         WHEN IFNULL(SUM(e.revenue), 0) >= 200 THEN 'high'
                         WHEN IFNULL(SUM(e.revenue), 0) > 0 THEN 'mid'
                         ELSE 'none'
                       END AS tier
                FROM users u
                LEFT JOIN events e ON e.user_id = u.user_id AND e.event_name = 'purchase'
                GROUP BY u.user_id
                ORDER BY lifetime_value DESC, u.user_id
                """);
        assertEquals(
                List.of(
                        "u01|0|none",
                        "u02|120.5|mid",
                        "u03|0|none",
                        "u04|0|none",
                        "u05|100|mid",
                        "u06|0|none",
                        "u07|310|high",
                        "u08|0|none"),
                result.sortedRows());
    }

    /**
     * Views and purchases by user: u01 and u06 saw one category only. u02 premium+standard
     * (email, organic), u03 premium+standard (paid_display, email), u04 premium+standard (both
     * email), u05 premium+accessories, u07 standard+premium+sale.
     */
    @Test
    void categoryBreadthWithLogicalOrAnd() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT user_id,
                       COUNT(DISTINCT product_category) AS categories,
                       LOGICAL_OR(product_category = 'premium') AS saw_premium,
                       LOGICAL_AND(source = 'email') AS only_email
                FROM events
                WHERE event_name IN ('product_view', 'purchase')
                GROUP BY user_id
                HAVING COUNT(DISTINCT product_category) >= 2
                """);
        assertEquals(
                List.of(
                        "u02|2|true|false",
                        "u03|2|true|false",
                        "u04|2|true|true",
                        "u05|2|true|false",
                        "u07|3|true|false"),
                result.sortedRows());
    }

    /**
     * Weekend purchases: 2025-06-01 and 2024-12-01 are Sundays (BigQuery DAYOFWEEK 1);
     * 2026-01-05 is a Monday (2), 01-28 a Wednesday (4), 01-30 a Friday (6).
     */
    @Test
    void weekendBuyersWithDayOfWeekAndDateAdd() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT user_id,
                       EXTRACT(DAYOFWEEK FROM event_time) AS dow,
                       DATE_ADD(DATE(event_time), INTERVAL 1 MONTH) AS follow_up
                FROM events
                WHERE event_name = 'purchase' AND EXTRACT(DAYOFWEEK FROM event_time) IN (1, 7)
                """);
        assertEquals(List.of("u02|1|2025-07-01", "u07|1|2025-01-01"), result.sortedRows());
        PreviewDatabase.Result all = run("""
                SELECT EXTRACT(DAYOFWEEK FROM event_time) AS dow FROM events WHERE event_name = 'purchase'
                """);
        assertEquals(List.of("1", "1", "2", "4", "6"), all.sortedRows());
    }

    /**
     * BigQuery puts NULLs first ascending and last descending; DuckDB's default is NULLS LAST
     * both ways. u08 has no signup date: rank 1 ascending, last quartile descending.
     */
    @Test
    void windowOrderingPlacesNullsLikeBigQuery() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT user_id,
                       ROW_NUMBER() OVER (ORDER BY signup_date) AS signup_rank,
                       NTILE(4) OVER (ORDER BY signup_date DESC) AS recency_quartile
                FROM users
                """);
        assertEquals(
                List.of("u01|5|2", "u02|6|2", "u03|7|1", "u04|3|3", "u05|2|4", "u06|8|1", "u07|4|3", "u08|1|4"),
                result.sortedRows());
    }

    /** CONCAT and GREATEST return NULL when an argument is NULL (DuckDB's functions skip NULLs). */
    @Test
    void nullPropagationOfConcatAndGreatest() throws SQLException {
        PreviewDatabase.Result result = run("""
                SELECT user_id,
                       CONCAT(country, '-', device_type) AS label,
                       GREATEST(signup_date, DATE '2025-01-01') AS since,
                       IF(country IS NULL, 'unknown', LOWER(country)) AS c
                FROM users
                WHERE user_id IN ('u05', 'u06', 'u08')
                """);
        assertEquals(
                List.of("u05|US-tablet|2025-01-01|us", "u06|null|2026-01-30|unknown", "u08|DE-mobile|null|de"),
                result.sortedRows());
    }

    /**
     * The engine's shape: physical tables in schema raw, logical names bound by CTEs around the
     * translated query. A test account (u09, country TEST) that matches the cohort is removed by
     * the envelope, so the translated query must read the CTEs, not raw tables.
     */
    @Test
    void logicalNamesBindToTheEnginesCtes() throws SQLException {
        try (PreviewDatabase raw = PreviewDatabase.rawTables()) {
            raw.execute("INSERT INTO raw.users VALUES ('u09', DATE '2025-01-01', 'TEST', 'mobile')");
            raw.execute(
                    "INSERT INTO raw.events VALUES ('u09', 'product_view', TIMESTAMP '2026-01-20 00:00:00', 'email', "
                            + "NULL, NULL, 'premium', NULL)");
            String translated = DuckDbPreview.translate("""
                    SELECT DISTINCT e.user_id
                    FROM `events` AS e
                    JOIN users AS u USING (user_id)
                    WHERE e.event_name = 'product_view' AND e.product_category = 'premium'
                      AND e.event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
                    """);
            String envelope = "WITH users AS (SELECT * FROM raw.users WHERE country IS NULL OR country <> 'TEST'), "
                    + "events AS (SELECT e.* FROM raw.events AS e WHERE e.user_id IN (SELECT user_id FROM users)) "
                    + "SELECT * FROM (" + translated + ")";
            assertEquals(
                    List.of("u01", "u02", "u03", "u05", "u06"),
                    raw.query(envelope).sortedRows());
        }
    }
}
