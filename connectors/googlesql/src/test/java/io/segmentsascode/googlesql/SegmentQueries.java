package io.segmentsascode.googlesql;

import java.util.List;

/**
 * Realistic BigQuery segmentation queries over the sample warehouse's logical tables, with the
 * output columns BigQuery gives them (GoogleSQL type names). Each must analyse without errors.
 */
final class SegmentQueries {

    record Query(String name, String sql, List<String> columns) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Query> ALL = List.of(
            new Query("rfm quintiles over a CTE", """
                    WITH rfm AS (
                      SELECT user_id,
                             TIMESTAMP_DIFF(@run_time, MAX(event_time), DAY) AS recency_days,
                             COUNTIF(event_name = 'purchase') AS frequency,
                             SUM(revenue) AS monetary
                      FROM events
                      WHERE event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 365 DAY)
                      GROUP BY user_id
                    )
                    SELECT user_id,
                           NTILE(5) OVER (ORDER BY recency_days DESC) AS r,
                           NTILE(5) OVER (ORDER BY frequency) AS f,
                           NTILE(5) OVER (ORDER BY monetary) AS m
                    FROM rfm
                    """, List.of("user_id STRING", "r INT64", "f INT64", "m INT64")),
            new Query(
                    "paid search share",
                    """
                    SELECT user_id,
                           SAFE_DIVIDE(COUNTIF(source = 'google_cpc'), COUNT(*)) AS paid_search_share,
                           SUM(revenue) AS revenue_30d
                    FROM events
                    WHERE event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
                    GROUP BY user_id
                    HAVING COUNT(*) >= 3
                    """,
                    List.of("user_id STRING", "paid_search_share FLOAT64", "revenue_30d NUMERIC")),
            new Query(
                    "last touch with QUALIFY",
                    """
                    SELECT user_id, source AS last_source, campaign_id AS last_campaign_id, event_time AS last_event_time
                    FROM events
                    WHERE TRUE
                    QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_time DESC) = 1
                    """,
                    List.of(
                            "user_id STRING",
                            "last_source STRING",
                            "last_campaign_id STRING",
                            "last_event_time TIMESTAMP")),
            new Query("cart abandoners (NOT EXISTS)", """
                    SELECT e.user_id, MAX(e.event_time) AS last_add_to_cart
                    FROM events AS e
                    WHERE e.event_name = 'add_to_cart'
                      AND e.event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 7 DAY)
                      AND NOT EXISTS (
                        SELECT 1 FROM events AS p
                        WHERE p.user_id = e.user_id AND p.event_name = 'purchase'
                          AND p.event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 7 DAY))
                    GROUP BY e.user_id
                    """, List.of("user_id STRING", "last_add_to_cart TIMESTAMP")),
            new Query(
                    "new users with DATE_DIFF",
                    """
                    SELECT u.user_id, u.country,
                           DATE_DIFF(DATE(@run_time), u.signup_date, DAY) AS days_since_signup,
                           COALESCE(SUM(e.revenue), 0) AS revenue
                    FROM users AS u
                    LEFT JOIN events AS e ON e.user_id = u.user_id AND e.event_name = 'purchase'
                    WHERE DATE_DIFF(DATE(@run_time), u.signup_date, DAY) <= 30
                    GROUP BY u.user_id, u.country, u.signup_date
                    """,
                    List.of("user_id STRING", "country STRING", "days_since_signup INT64", "revenue NUMERIC")),
            new Query(
                    "engaged sessions",
                    """
                    SELECT user_id,
                           COUNT(DISTINCT session_id) AS sessions_30d,
                           AVG(time_on_site_seconds) AS avg_time_on_site,
                           SUM(pageviews) AS pageviews_30d
                    FROM sessions
                    WHERE session_start >= TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
                    GROUP BY user_id
                    HAVING AVG(time_on_site_seconds) > 120
                    """,
                    List.of("user_id STRING", "sessions_30d INT64", "avg_time_on_site FLOAT64", "pageviews_30d INT64")),
            new Query(
                    "category buyers (ARRAY_AGG, IN UNNEST)",
                    """
                    WITH cats AS (
                      SELECT user_id, ARRAY_AGG(DISTINCT product_category IGNORE NULLS) AS categories
                      FROM events
                      WHERE event_name = 'purchase'
                      GROUP BY user_id
                    )
                    SELECT user_id, categories, ARRAY_LENGTH(categories) AS category_count
                    FROM cats
                    WHERE 'electronics' IN UNNEST(categories)
                    """,
                    List.of("user_id STRING", "categories ARRAY<STRING>", "category_count INT64")),
            new Query(
                    "latest session as a STRUCT",
                    """
                    SELECT user_id,
                           ARRAY_AGG(STRUCT(session_id, source, session_start)
                                     ORDER BY session_start DESC LIMIT 1)[OFFSET(0)] AS last_session
                    FROM sessions
                    GROUP BY user_id
                    """,
                    List.of(
                            "user_id STRING",
                            "last_session STRUCT<session_id STRING, source STRING, session_start TIMESTAMP>")),
            new Query("consented audience (identities without PII out)", """
                    SELECT u.user_id
                    FROM users AS u
                    JOIN identities AS i USING (user_id)
                    WHERE i.consent_ad_user_data AND i.consent_ad_personalization AND NOT i.opted_out
                      AND u.country != 'TEST'
                    """, List.of("user_id STRING")),
            new Query(
                    "channel mix over UNNEST of an array literal",
                    """
                    SELECT user_id, channel, COUNTIF(source = channel) AS touches
                    FROM events
                    CROSS JOIN UNNEST(['google_cpc', 'facebook', 'email']) AS channel
                    WHERE event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 90 DAY)
                    GROUP BY user_id, channel
                    """,
                    List.of("user_id STRING", "channel STRING", "touches INT64")),
            new Query(
                    "hours to first purchase (TIMESTAMP_DIFF)",
                    """
                    WITH firsts AS (
                      SELECT user_id,
                             MIN(event_time) AS first_seen,
                             MIN(IF(event_name = 'purchase', event_time, NULL)) AS first_purchase
                      FROM events
                      GROUP BY user_id
                    )
                    SELECT user_id, TIMESTAMP_DIFF(first_purchase, first_seen, HOUR) AS hours_to_convert
                    FROM firsts
                    WHERE first_purchase IS NOT NULL
                    """,
                    List.of("user_id STRING", "hours_to_convert INT64")),
            new Query(
                    "running revenue (LAG, framed SUM)",
                    """
                    SELECT user_id, event_time,
                           LAG(event_time) OVER (PARTITION BY user_id ORDER BY event_time) AS previous_event_time,
                           SUM(revenue) OVER (PARTITION BY user_id ORDER BY event_time
                                              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_revenue
                    FROM events
                    WHERE event_name = 'purchase'
                      AND event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 180 DAY)
                    """,
                    List.of(
                            "user_id STRING",
                            "event_time TIMESTAMP",
                            "previous_event_time TIMESTAMP",
                            "running_revenue NUMERIC")),
            new Query(
                    "device class by sessions (CASE, GROUP BY ordinals)",
                    """
                    SELECT u.user_id,
                           CASE WHEN u.device_type IN ('ios', 'android') THEN 'mobile' ELSE 'desktop' END AS device_class,
                           COUNT(s.session_id) AS sessions
                    FROM users u
                    JOIN sessions s ON s.user_id = u.user_id
                    WHERE s.session_start >= TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
                    GROUP BY 1, 2
                    """,
                    List.of("user_id STRING", "device_class STRING", "sessions INT64")),
            new Query(
                    "top lapsed buyers (PERCENT_RANK in QUALIFY)",
                    """
                    WITH buyers AS (
                      SELECT user_id, SUM(revenue) AS lifetime_revenue, MAX(event_time) AS last_purchase
                      FROM events
                      WHERE event_name = 'purchase'
                      GROUP BY user_id
                    )
                    SELECT user_id, lifetime_revenue,
                           PERCENT_RANK() OVER (ORDER BY lifetime_revenue) AS revenue_rank
                    FROM buyers
                    WHERE last_purchase < TIMESTAMP_SUB(@run_time, INTERVAL 120 DAY)
                    QUALIFY PERCENT_RANK() OVER (ORDER BY lifetime_revenue) >= 0.8
                    """,
                    List.of("user_id STRING", "lifetime_revenue NUMERIC", "revenue_rank FLOAT64")),
            new Query(
                    "engagement STRUCT and rounded SAFE_DIVIDE",
                    """
                    SELECT s.user_id,
                           STRUCT(COUNT(*) AS sessions, SUM(s.pageviews) AS pageviews) AS engagement,
                           ROUND(SAFE_DIVIDE(SUM(s.time_on_site_seconds), COUNT(*)), 1) AS avg_seconds
                    FROM sessions AS s
                    WHERE s.session_start BETWEEN TIMESTAMP_SUB(@run_time, INTERVAL 14 DAY) AND @run_time
                    GROUP BY s.user_id
                    """,
                    List.of(
                            "user_id STRING",
                            "engagement STRUCT<sessions INT64, pageviews INT64>",
                            "avg_seconds FLOAT64")),
            new Query("multi-CTE funnel with joins", """
                    WITH visitors AS (
                      SELECT DISTINCT user_id FROM sessions
                      WHERE session_start >= TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
                    ), carts AS (
                      SELECT user_id, COUNT(*) AS adds
                      FROM events
                      WHERE event_name = 'add_to_cart' AND event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
                      GROUP BY user_id
                    )
                    SELECT v.user_id, IFNULL(c.adds, 0) AS adds, c.user_id IS NOT NULL AS has_cart
                    FROM visitors AS v
                    LEFT JOIN carts AS c USING (user_id)
                    """, List.of("user_id STRING", "adds INT64", "has_cart BOOL")));

    private SegmentQueries() {}
}
