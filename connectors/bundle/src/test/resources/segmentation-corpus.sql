-- Realistic BigQuery segmentation queries over the logical tables of segments/warehouse.yaml.
-- Each "-- query:" block is GoogleSQL as an analyst writes it; its "-- reference" block is a second
-- formulation of the same members in plain SQL whose meaning is the same in BigQuery and DuckDB
-- (no function whose semantics differ; the reference time is getvariable('run_time')).

-- query: rfm_champions_by_quintiles
WITH m AS (
  SELECT user_id, COUNTIF(revenue > 0) AS f, SUM(IF(revenue > 0, revenue, 0)) AS mon
  FROM events
  WHERE event_time > TIMESTAMP_SUB(@run_time, INTERVAL 365 DAY) AND event_time <= @run_time
  GROUP BY user_id
  HAVING f > 0
), s AS (
  SELECT user_id, NTILE(5) OVER (ORDER BY mon, user_id) AS m_q, NTILE(5) OVER (ORDER BY f, user_id) AS f_q FROM m
)
SELECT user_id FROM s WHERE m_q = 5 AND f_q >= 4
-- reference
WITH m AS (
  SELECT user_id, sum(CASE WHEN revenue > 0 THEN 1 ELSE 0 END) AS f, sum(CASE WHEN revenue > 0 THEN revenue ELSE 0 END) AS mon
  FROM events
  WHERE event_time > getvariable('run_time') - INTERVAL 365 DAY AND event_time <= getvariable('run_time')
  GROUP BY user_id
  HAVING sum(CASE WHEN revenue > 0 THEN 1 ELSE 0 END) > 0
), ranked AS (
  SELECT user_id, row_number() OVER (ORDER BY mon, user_id) AS m_rn, row_number() OVER (ORDER BY f, user_id) AS f_rn,
         count(*) OVER () AS n
  FROM m
)
-- NTILE(5): the first n % 5 buckets hold one row more; bucket of row r (1-based)
SELECT user_id FROM ranked
WHERE (CASE WHEN m_rn <= (n % 5) * (n // 5 + 1) THEN (m_rn - 1) // (n // 5 + 1) + 1
            ELSE (m_rn - 1 - (n % 5) * (n // 5 + 1)) // (n // 5) + (n % 5) + 1 END) = 5
  AND (CASE WHEN f_rn <= (n % 5) * (n // 5 + 1) THEN (f_rn - 1) // (n // 5 + 1) + 1
            ELSE (f_rn - 1 - (n % 5) * (n // 5 + 1)) // (n // 5) + (n % 5) + 1 END) >= 4

-- query: top_quartile_spenders_by_approx_quantiles
WITH m AS (
  SELECT user_id, SUM(revenue) AS mon FROM events WHERE revenue > 0 AND event_time <= @run_time GROUP BY user_id
), q AS (SELECT APPROX_QUANTILES(mon, 4) AS qs FROM m)
SELECT user_id FROM m, q WHERE mon >= q.qs[OFFSET(3)]
-- reference
WITH m AS (
  SELECT user_id, sum(revenue) AS mon FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time') GROUP BY user_id
), c AS (SELECT mon, cume_dist() OVER (ORDER BY mon) AS cd FROM m)
SELECT user_id FROM m WHERE mon >= (SELECT min(mon) FROM c WHERE cd >= 0.75)

-- query: above_median_order_value_percentile_cont
WITH o AS (
  SELECT user_id, AVG(CAST(revenue AS FLOAT64)) AS aov FROM events WHERE revenue > 0 AND event_time <= @run_time GROUP BY user_id
)
SELECT user_id FROM (SELECT user_id, aov, PERCENTILE_CONT(aov, 0.5) OVER () AS med FROM o) WHERE aov > med
-- reference
WITH o AS (
  SELECT user_id, avg(CAST(revenue AS DOUBLE)) AS aov FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time') GROUP BY user_id
), r AS (SELECT aov, row_number() OVER (ORDER BY aov) AS rn, count(*) OVER () AS n FROM o)
SELECT user_id FROM o WHERE aov > (SELECT avg(aov) FROM r WHERE rn IN ((n + 1) // 2, (n + 2) // 2))

-- query: bottom_30_percent_order_value_percentile_disc
WITH o AS (
  SELECT user_id, SUM(revenue) AS total FROM events WHERE revenue > 0 AND event_time <= @run_time GROUP BY user_id
)
SELECT user_id FROM (SELECT user_id, total, PERCENTILE_DISC(total, 0.3) OVER () AS p30 FROM o) WHERE total <= p30
-- reference
WITH o AS (
  SELECT user_id, sum(revenue) AS total FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time') GROUP BY user_id
), c AS (SELECT total, cume_dist() OVER (ORDER BY total) AS cd FROM o)
SELECT user_id FROM o WHERE total <= (SELECT min(total) FROM c WHERE cd >= 0.3)

-- query: weekly_signup_cohort_four_weeks_ago
SELECT user_id FROM users
WHERE DATE_TRUNC(signup_date, WEEK) = DATE_SUB(DATE_TRUNC(DATE(@run_time), WEEK), INTERVAL 4 WEEK)
-- reference
-- a Sunday-start week is the Monday-start week of the next day, one day earlier
SELECT user_id FROM users
WHERE CAST(date_trunc('week', signup_date + 1) AS DATE) - 1
    = CAST(date_trunc('week', CAST(getvariable('run_time') AS DATE) + 1) AS DATE) - 1 - 28

-- query: second_week_retention_of_recent_signups
SELECT u.user_id
FROM users AS u JOIN sessions AS s ON s.user_id = u.user_id
WHERE u.signup_date > DATE_SUB(DATE(@run_time), INTERVAL 90 DAY)
  AND s.session_start <= @run_time
  AND DATE_DIFF(DATE(s.session_start), u.signup_date, DAY) BETWEEN 7 AND 13
GROUP BY u.user_id
-- reference
SELECT DISTINCT u.user_id
FROM users AS u JOIN sessions AS s ON s.user_id = u.user_id
WHERE u.signup_date > CAST(getvariable('run_time') AS DATE) - 90
  AND s.session_start <= getvariable('run_time')
  AND CAST(s.session_start AS DATE) - u.signup_date BETWEEN 7 AND 13

-- query: funnel_viewed_and_carted_without_purchase
SELECT user_id FROM events
WHERE event_time > TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY) AND event_time <= @run_time
GROUP BY user_id
HAVING COUNTIF(event_name = 'product_view') > 0 AND COUNTIF(event_name = 'add_to_cart') > 0 AND COUNTIF(event_name = 'purchase') = 0
-- reference
SELECT user_id FROM events
WHERE event_time > getvariable('run_time') - INTERVAL 30 DAY AND event_time <= getvariable('run_time')
GROUP BY user_id
HAVING sum(CASE WHEN event_name = 'product_view' THEN 1 ELSE 0 END) > 0
   AND sum(CASE WHEN event_name = 'add_to_cart' THEN 1 ELSE 0 END) > 0
   AND sum(CASE WHEN event_name = 'purchase' THEN 1 ELSE 0 END) = 0

-- query: funnel_cart_within_a_day_of_first_view
WITH f AS (
  SELECT user_id,
    MIN(IF(event_name = 'product_view', event_time, NULL)) AS first_view,
    MIN(IF(event_name = 'add_to_cart', event_time, NULL)) AS first_cart
  FROM events
  WHERE event_time > TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY) AND event_time <= @run_time
  GROUP BY user_id
)
SELECT user_id FROM f WHERE first_cart > first_view AND TIMESTAMP_DIFF(first_cart, first_view, HOUR) < 24
-- reference
WITH f AS (
  SELECT user_id,
    min(CASE WHEN event_name = 'product_view' THEN event_time END) AS first_view,
    min(CASE WHEN event_name = 'add_to_cart' THEN event_time END) AS first_cart
  FROM events
  WHERE event_time > getvariable('run_time') - INTERVAL 30 DAY AND event_time <= getvariable('run_time')
  GROUP BY user_id
)
SELECT user_id FROM f WHERE first_cart > first_view AND epoch(first_cart) - epoch(first_view) < 86400

-- query: churned_buyers_quiet_for_90_days
SELECT user_id FROM events
WHERE revenue > 0 AND event_time <= @run_time
GROUP BY user_id
HAVING MAX(event_time) <= TIMESTAMP_SUB(@run_time, INTERVAL 90 DAY) AND MAX(event_time) > TIMESTAMP_SUB(@run_time, INTERVAL 365 DAY)
-- reference
SELECT user_id FROM events
WHERE revenue > 0 AND event_time <= getvariable('run_time')
GROUP BY user_id
HAVING max(event_time) <= getvariable('run_time') - INTERVAL 90 DAY AND max(event_time) > getvariable('run_time') - INTERVAL 365 DAY

-- query: churn_risk_days_since_last_purchase
SELECT user_id FROM events
WHERE revenue > 0 AND event_time <= @run_time
GROUP BY user_id
HAVING TIMESTAMP_DIFF(@run_time, MAX(event_time), DAY) >= 60
-- reference
SELECT user_id FROM events
WHERE revenue > 0 AND event_time <= getvariable('run_time')
GROUP BY user_id
HAVING epoch(getvariable('run_time')) - epoch(max(event_time)) >= 60 * 86400

-- query: clv_label_mid
WITH c AS (SELECT user_id, SUM(revenue) AS clv FROM events WHERE revenue > 0 AND event_time <= @run_time GROUP BY user_id),
l AS (SELECT user_id, CASE WHEN clv >= 500 THEN 'high' WHEN clv >= 100 THEN 'mid' ELSE 'low' END AS label FROM c)
SELECT user_id FROM l WHERE label = 'mid'
-- reference
SELECT user_id FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time')
GROUP BY user_id HAVING sum(revenue) >= 100 AND sum(revenue) < 500

-- query: clv_high_average_order_value_safe_divide
SELECT user_id FROM events
WHERE event_time <= @run_time
GROUP BY user_id
HAVING SAFE_DIVIDE(SUM(revenue), COUNTIF(revenue > 0)) >= 80
-- reference
SELECT user_id FROM events
WHERE event_time <= getvariable('run_time')
GROUP BY user_id
HAVING sum(CASE WHEN revenue > 0 THEN 1 ELSE 0 END) > 0 AND sum(revenue) >= 80 * sum(CASE WHEN revenue > 0 THEN 1 ELSE 0 END)

-- query: clv_average_order_value_numeric_avg
SELECT user_id FROM events
WHERE revenue > 0 AND event_time <= @run_time
GROUP BY user_id
HAVING AVG(revenue) > 120
-- reference
SELECT user_id FROM events
WHERE revenue > 0 AND event_time <= getvariable('run_time')
GROUP BY user_id
HAVING sum(revenue) > 120 * count(revenue)

-- query: last_purchase_was_premium_row_number
SELECT user_id FROM (
  SELECT user_id, product_category,
    ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_time DESC, product_category DESC) AS rn
  FROM events WHERE revenue > 0 AND event_time <= @run_time
)
WHERE rn = 1 AND product_category = 'premium'
-- reference
WITH p AS (SELECT * FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time')),
last_time AS (SELECT user_id, max(event_time) AS t FROM p GROUP BY user_id)
SELECT p.user_id FROM p JOIN last_time AS l ON l.user_id = p.user_id AND p.event_time = l.t
GROUP BY p.user_id
HAVING count(*) = count(product_category) AND max(product_category) = 'premium'

-- query: top_100_spenders_qualify_rank
SELECT user_id FROM events
WHERE revenue > 0 AND event_time <= @run_time
GROUP BY user_id
QUALIFY RANK() OVER (ORDER BY SUM(revenue) DESC) <= 100
-- reference
WITH s AS (SELECT user_id, sum(revenue) AS total FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time') GROUP BY user_id)
SELECT user_id FROM s WHERE (SELECT count(*) FROM s AS higher WHERE higher.total > s.total) < 100

-- query: repeat_buyers_within_30_days_lag
SELECT DISTINCT user_id FROM (
  SELECT user_id, event_time, LAG(event_time) OVER (PARTITION BY user_id ORDER BY event_time) AS previous_purchase
  FROM events WHERE revenue > 0 AND event_time <= @run_time
)
WHERE previous_purchase IS NOT NULL AND TIMESTAMP_DIFF(event_time, previous_purchase, DAY) < 30
-- reference
WITH p AS (SELECT user_id, event_time FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time'))
SELECT a.user_id FROM p AS a JOIN p AS b ON a.user_id = b.user_id AND b.event_time < a.event_time
WHERE epoch(a.event_time) - epoch(b.event_time) < 30 * 86400
UNION
SELECT user_id FROM p GROUP BY user_id, event_time HAVING count(*) > 1

-- query: rolling_three_sessions_pageviews_sum_over
SELECT DISTINCT user_id FROM (
  SELECT user_id,
    SUM(pageviews) OVER (PARTITION BY user_id ORDER BY session_start, session_id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS last3
  FROM sessions WHERE session_start <= @run_time
)
WHERE last3 >= 30
-- reference
WITH s AS (
  SELECT user_id, pageviews, row_number() OVER (PARTITION BY user_id ORDER BY session_start, session_id) AS n
  FROM sessions WHERE session_start <= getvariable('run_time')
)
SELECT DISTINCT a.user_id FROM s AS a JOIN s AS b ON a.user_id = b.user_id AND b.n BETWEEN a.n - 2 AND a.n
GROUP BY a.user_id, a.n HAVING sum(b.pageviews) >= 30

-- query: most_engaged_decile_ntile
WITH t AS (
  SELECT user_id, SUM(time_on_site_seconds) AS tos FROM sessions
  WHERE session_start > TIMESTAMP_SUB(@run_time, INTERVAL 90 DAY) AND session_start <= @run_time
  GROUP BY user_id
)
SELECT user_id FROM (SELECT user_id, NTILE(10) OVER (ORDER BY tos DESC, user_id) AS decile FROM t) WHERE decile = 1
-- reference
WITH t AS (
  SELECT user_id, sum(time_on_site_seconds) AS tos FROM sessions
  WHERE session_start > getvariable('run_time') - INTERVAL 90 DAY AND session_start <= getvariable('run_time')
  GROUP BY user_id
), r AS (SELECT user_id, row_number() OVER (ORDER BY tos DESC NULLS LAST, user_id) AS rn, count(*) OVER () AS n FROM t)
SELECT user_id FROM r WHERE rn <= (n + 9) // 10

-- query: recent_purchases_include_sale_unnest_array_agg
WITH a AS (
  SELECT user_id, ARRAY_AGG(product_category IGNORE NULLS ORDER BY event_time DESC, product_category LIMIT 3) AS recent
  FROM events WHERE revenue > 0 AND event_time <= @run_time GROUP BY user_id
)
SELECT user_id FROM a WHERE EXISTS (SELECT 1 FROM UNNEST(recent) AS c WHERE c = 'sale')
-- reference
WITH p AS (
  SELECT user_id, product_category,
    row_number() OVER (PARTITION BY user_id ORDER BY event_time DESC, product_category) AS rn
  FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time') AND product_category IS NOT NULL
)
SELECT DISTINCT user_id FROM p WHERE rn <= 3 AND product_category = 'sale'

-- query: first_purchase_premium_unnest_with_offset
WITH a AS (
  SELECT user_id, ARRAY_AGG(product_category IGNORE NULLS ORDER BY event_time, product_category) AS bought
  FROM events WHERE revenue > 0 AND event_time <= @run_time GROUP BY user_id
)
SELECT user_id FROM a, UNNEST(a.bought) AS category WITH OFFSET AS position
WHERE position = 0 AND category = 'premium'
-- reference
WITH p AS (
  SELECT user_id, product_category, row_number() OVER (PARTITION BY user_id ORDER BY event_time, product_category) AS rn
  FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time') AND product_category IS NOT NULL
)
SELECT user_id FROM p WHERE rn = 1 AND product_category = 'premium'

-- query: second_purchase_standard_safe_offset
WITH a AS (
  SELECT user_id, ARRAY_AGG(product_category IGNORE NULLS ORDER BY event_time, product_category) AS bought
  FROM events WHERE revenue > 0 AND event_time <= @run_time GROUP BY user_id
)
SELECT user_id FROM a WHERE a.bought[SAFE_OFFSET(1)] = 'standard'
-- reference
WITH p AS (
  SELECT user_id, product_category, row_number() OVER (PARTITION BY user_id ORDER BY event_time, product_category) AS rn
  FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time') AND product_category IS NOT NULL
)
SELECT user_id FROM p WHERE rn = 2 AND product_category = 'standard'

-- query: big_last_order_struct_array_agg
WITH a AS (
  SELECT user_id,
    ARRAY_AGG(STRUCT(event_time AS ordered_at, revenue AS amount) ORDER BY event_time DESC, revenue DESC LIMIT 1)[OFFSET(0)] AS last_order
  FROM events WHERE revenue > 0 AND event_time <= @run_time GROUP BY user_id
)
SELECT user_id FROM a WHERE a.last_order.amount >= 100
-- reference
WITH p AS (SELECT * FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time')),
l AS (SELECT user_id, max(event_time) AS t FROM p GROUP BY user_id)
SELECT p.user_id FROM p JOIN l ON l.user_id = p.user_id AND p.event_time = l.t
GROUP BY p.user_id HAVING max(p.revenue) >= 100

-- query: holdout_split_regexp_extract_user_number
SELECT user_id FROM users
WHERE MOD(CAST(REGEXP_EXTRACT(user_id, r'^u0*(\d+)$') AS INT64), 10) = 3
-- reference
SELECT user_id FROM users WHERE CAST(substr(user_id, 2) AS BIGINT) % 10 = 3

-- query: regexp_no_match_is_null
SELECT user_id FROM users WHERE REGEXP_EXTRACT(user_id, r'^x(\d+)') IS NULL AND signup_date <= DATE(@run_time)
-- reference
SELECT user_id FROM users WHERE signup_date <= CAST(getvariable('run_time') AS DATE)

-- query: email_campaign_clickers_regexp_contains
SELECT DISTINCT e.user_id FROM events AS e JOIN campaigns AS c ON c.campaign_id = e.campaign_id
WHERE REGEXP_CONTAINS(c.channel, r'^e') AND e.event_time > TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY) AND e.event_time <= @run_time
-- reference
SELECT DISTINCT e.user_id FROM events AS e JOIN campaigns AS c ON c.campaign_id = e.campaign_id
WHERE c.channel LIKE 'e%' AND e.event_time > getvariable('run_time') - INTERVAL 30 DAY AND e.event_time <= getvariable('run_time')

-- query: retention_campaign_buyers_join
SELECT e.user_id FROM events AS e JOIN campaigns AS c USING (campaign_id)
WHERE c.objective = 'retention' AND e.revenue > 0 AND e.event_time <= @run_time
GROUP BY e.user_id
-- reference
SELECT DISTINCT e.user_id FROM events AS e
WHERE e.revenue > 0 AND e.event_time <= getvariable('run_time')
  AND e.campaign_id IN (SELECT campaign_id FROM campaigns WHERE objective = 'retention')

-- query: email_fans_never_display_logical_or
SELECT user_id FROM sessions
WHERE session_start <= @run_time
GROUP BY user_id
HAVING LOGICAL_OR(source = 'email') AND NOT LOGICAL_OR(source = 'paid_display')
-- reference
SELECT user_id FROM sessions
WHERE session_start <= getvariable('run_time')
GROUP BY user_id
HAVING sum(CASE WHEN source = 'email' THEN 1 ELSE 0 END) > 0 AND sum(CASE WHEN source = 'paid_display' THEN 1 ELSE 0 END) = 0

-- query: always_deep_sessions_logical_and
SELECT user_id FROM sessions
WHERE session_start > TIMESTAMP_SUB(@run_time, INTERVAL 60 DAY) AND session_start <= @run_time
GROUP BY user_id
HAVING LOGICAL_AND(pageviews >= 3)
-- reference
SELECT user_id FROM sessions
WHERE session_start > getvariable('run_time') - INTERVAL 60 DAY AND session_start <= getvariable('run_time')
GROUP BY user_id
HAVING min(CASE WHEN pageviews >= 3 THEN 1 WHEN pageviews < 3 THEN 0 END) = 1

-- query: german_buyers_any_value
SELECT e.user_id FROM events AS e JOIN users AS u ON u.user_id = e.user_id
WHERE e.revenue > 0 AND e.event_time <= @run_time
GROUP BY e.user_id
HAVING ANY_VALUE(u.country) = 'DE'
-- reference
SELECT DISTINCT e.user_id FROM events AS e JOIN users AS u ON u.user_id = e.user_id
WHERE e.revenue > 0 AND e.event_time <= getvariable('run_time') AND u.country = 'DE'

-- query: never_purchased_ifnull
SELECT u.user_id
FROM users AS u
LEFT JOIN (SELECT user_id, SUM(revenue) AS spent FROM events WHERE revenue > 0 AND event_time <= @run_time GROUP BY user_id) AS s
  ON s.user_id = u.user_id
WHERE IFNULL(s.spent, 0) = 0 AND u.signup_date <= DATE_SUB(DATE(@run_time), INTERVAL 90 DAY)
-- reference
SELECT u.user_id FROM users AS u
WHERE u.signup_date <= CAST(getvariable('run_time') AS DATE) - 90
  AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.user_id = u.user_id AND e.revenue > 0 AND e.event_time <= getvariable('run_time'))

-- query: mobile_first_label_if_coalesce
SELECT user_id FROM (
  SELECT u.user_id, IF(COALESCE(u.device_type, 'unknown') = 'mobile', 'mobile_first', 'other') AS label
  FROM users AS u
)
WHERE label = 'mobile_first'
-- reference
SELECT user_id FROM users WHERE device_type = 'mobile'

-- query: recency_bucket_case
WITH r AS (
  SELECT user_id, TIMESTAMP_DIFF(@run_time, MAX(event_time), DAY) AS days FROM events WHERE event_time <= @run_time GROUP BY user_id
)
SELECT user_id FROM r WHERE CASE WHEN days < 7 THEN 'hot' WHEN days < 30 THEN 'warm' ELSE 'cold' END = 'warm'
-- reference
WITH r AS (
  SELECT user_id, epoch(getvariable('run_time')) - epoch(max(event_time)) AS seconds FROM events
  WHERE event_time <= getvariable('run_time') GROUP BY user_id
)
SELECT user_id FROM r WHERE seconds >= 7 * 86400 AND seconds < 30 * 86400

-- query: signed_up_30_to_60_days_ago_date_diff
SELECT user_id FROM users WHERE DATE_DIFF(DATE(@run_time), signup_date, DAY) BETWEEN 30 AND 60
-- reference
SELECT user_id FROM users WHERE CAST(getvariable('run_time') AS DATE) - signup_date BETWEEN 30 AND 60

-- query: first_anniversary_month_date_diff_month
SELECT user_id FROM users WHERE DATE_DIFF(DATE(@run_time), signup_date, MONTH) = 12
-- reference
SELECT user_id FROM users
WHERE date_trunc('month', signup_date) = date_trunc('month', CAST(getvariable('run_time') AS DATE)) - INTERVAL 12 MONTH

-- query: weekend_shoppers_extract_dayofweek
SELECT user_id FROM events
WHERE revenue > 0 AND event_time <= @run_time
GROUP BY user_id
HAVING COUNTIF(EXTRACT(DAYOFWEEK FROM event_time) IN (1, 7)) > COUNTIF(EXTRACT(DAYOFWEEK FROM event_time) BETWEEN 2 AND 6)
-- reference
SELECT user_id FROM events
WHERE revenue > 0 AND event_time <= getvariable('run_time')
GROUP BY user_id
HAVING sum(CASE WHEN strftime(event_time, '%w') IN ('0', '6') THEN 1 ELSE 0 END)
     > sum(CASE WHEN strftime(event_time, '%w') IN ('0', '6') THEN 0 ELSE 1 END)

-- query: night_owls_extract_hour
SELECT user_id FROM sessions
WHERE session_start > TIMESTAMP_SUB(@run_time, INTERVAL 90 DAY) AND session_start <= @run_time
GROUP BY user_id
HAVING COUNTIF(EXTRACT(HOUR FROM session_start) < 6) >= 2
-- reference
SELECT user_id FROM sessions
WHERE session_start > getvariable('run_time') - INTERVAL 90 DAY AND session_start <= getvariable('run_time')
GROUP BY user_id
HAVING sum(CASE WHEN strftime(session_start, '%H') < '06' THEN 1 ELSE 0 END) >= 2

-- query: last_month_signups_format_date
SELECT user_id FROM users
WHERE FORMAT_DATE('%Y-%m', signup_date) = FORMAT_DATE('%Y-%m', DATE_SUB(DATE(@run_time), INTERVAL 1 MONTH))
-- reference
SELECT user_id FROM users
WHERE date_trunc('month', signup_date) = date_trunc('month', CAST(getvariable('run_time') AS DATE)) - INTERVAL 1 MONTH

-- query: bought_on_new_york_date_of_run_time
SELECT DISTINCT user_id FROM events
WHERE revenue > 0 AND event_time <= @run_time
  AND DATE(event_time, 'America/New_York') = DATE_SUB(DATE(@run_time, 'America/New_York'), INTERVAL 1 DAY)
-- reference
SELECT DISTINCT user_id FROM events
WHERE revenue > 0 AND event_time <= getvariable('run_time')
  AND CAST((event_time AT TIME ZONE 'UTC') AT TIME ZONE 'America/New_York' AS DATE)
    = CAST((getvariable('run_time') AT TIME ZONE 'UTC') AT TIME ZONE 'America/New_York' AS DATE) - 1

-- query: deep_browsers_integer_div
SELECT user_id FROM sessions WHERE session_start <= @run_time GROUP BY user_id HAVING DIV(SUM(pageviews), COUNT(*)) >= 5
-- reference
SELECT user_id FROM sessions WHERE session_start <= getvariable('run_time') GROUP BY user_id HAVING sum(pageviews) >= 5 * count(*)

-- query: long_visits_float_division
SELECT user_id FROM sessions WHERE session_start <= @run_time GROUP BY user_id HAVING SUM(time_on_site_seconds) / COUNT(*) > 300
-- reference
SELECT user_id FROM sessions WHERE session_start <= getvariable('run_time') GROUP BY user_id HAVING sum(time_on_site_seconds) > 300 * count(*)

-- query: email_or_search_buyers_union_distinct
SELECT user_id FROM sessions WHERE source = 'email' AND session_start > TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY) AND session_start <= @run_time
UNION DISTINCT
SELECT user_id FROM events WHERE source = 'paid_search' AND revenue > 0 AND event_time <= @run_time
-- reference
SELECT user_id FROM sessions
WHERE source = 'email' AND session_start > getvariable('run_time') - INTERVAL 30 DAY AND session_start <= getvariable('run_time')
   OR user_id IN (SELECT user_id FROM events WHERE source = 'paid_search' AND revenue > 0 AND event_time <= getvariable('run_time'))

-- query: viewers_except_buyers_except_distinct
SELECT user_id FROM events WHERE event_name = 'product_view' AND event_time > TIMESTAMP_SUB(@run_time, INTERVAL 14 DAY) AND event_time <= @run_time
EXCEPT DISTINCT
SELECT user_id FROM events WHERE revenue > 0 AND event_time <= @run_time
-- reference
SELECT DISTINCT v.user_id FROM events AS v
WHERE v.event_name = 'product_view' AND v.event_time > getvariable('run_time') - INTERVAL 14 DAY AND v.event_time <= getvariable('run_time')
  AND NOT EXISTS (SELECT 1 FROM events AS b WHERE b.user_id = v.user_id AND b.revenue > 0 AND b.event_time <= getvariable('run_time'))

-- query: email_and_search_sessions_intersect_distinct
SELECT user_id FROM sessions WHERE source = 'email' AND session_start <= @run_time
INTERSECT DISTINCT
SELECT user_id FROM sessions WHERE source = 'paid_search' AND session_start <= @run_time
-- reference
SELECT user_id FROM sessions WHERE session_start <= getvariable('run_time')
GROUP BY user_id
HAVING sum(CASE WHEN source = 'email' THEN 1 ELSE 0 END) > 0 AND sum(CASE WHEN source = 'paid_search' THEN 1 ELSE 0 END) > 0

-- query: above_average_spenders_scalar_subquery
SELECT user_id FROM events
WHERE revenue > 0 AND event_time <= @run_time
GROUP BY user_id
HAVING SUM(revenue) > (SELECT SUM(revenue) / COUNT(DISTINCT user_id) FROM events WHERE revenue > 0 AND event_time <= @run_time)
-- reference
WITH s AS (SELECT user_id, sum(revenue) AS total FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time') GROUP BY user_id)
-- the mean, rounded to 9 digits as NUMERIC division is, compared exactly: total > sum/n  <=>  total * n > sum (no tie at the 9th digit in this data)
SELECT user_id FROM s WHERE total * (SELECT count(*) FROM s) > (SELECT sum(total) FROM s)

-- query: sessions_without_events_correlated_exists
SELECT DISTINCT s.user_id FROM sessions AS s
WHERE s.session_start > TIMESTAMP_SUB(@run_time, INTERVAL 7 DAY) AND s.session_start <= @run_time
  AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.session_id = s.session_id)
-- reference
SELECT DISTINCT s.user_id FROM sessions AS s LEFT JOIN events AS e ON e.session_id = s.session_id
WHERE s.session_start > getvariable('run_time') - INTERVAL 7 DAY AND s.session_start <= getvariable('run_time') AND e.session_id IS NULL

-- query: many_distinct_sessions_approx_count_distinct
SELECT user_id FROM events WHERE event_time <= @run_time GROUP BY user_id HAVING APPROX_COUNT_DISTINCT(session_id) >= 30
-- reference
SELECT user_id FROM events WHERE event_time <= getvariable('run_time') GROUP BY user_id HAVING count(DISTINCT session_id) >= 30

-- query: multi_category_buyers_string_agg
SELECT user_id FROM (
  SELECT user_id, STRING_AGG(DISTINCT product_category, ',' ORDER BY product_category) AS categories
  FROM events WHERE revenue > 0 AND event_time <= @run_time GROUP BY user_id
)
WHERE categories LIKE '%premium%' AND categories LIKE '%sale%'
-- reference
SELECT user_id FROM events WHERE revenue > 0 AND event_time <= getvariable('run_time')
GROUP BY user_id
HAVING sum(CASE WHEN product_category = 'premium' THEN 1 ELSE 0 END) > 0 AND sum(CASE WHEN product_category = 'sale' THEN 1 ELSE 0 END) > 0

-- query: favourite_source_approx_top_count
SELECT user_id FROM (
  SELECT user_id, APPROX_TOP_COUNT(source, 1)[OFFSET(0)].value AS top_source FROM events WHERE event_time <= @run_time GROUP BY user_id
)
WHERE top_source = 'email'
-- reference
-- not previewable: ties between sources make BigQuery's pick arbitrary
SELECT NULL AS user_id

-- query: campaign_cost_share_window_sum
WITH spend AS (
  SELECT c.channel, SUM(c.cost) AS cost FROM campaigns AS c GROUP BY c.channel
), shares AS (
  SELECT channel, SAFE_DIVIDE(cost, SUM(cost) OVER ()) AS share FROM spend
)
SELECT DISTINCT e.user_id FROM events AS e JOIN campaigns AS c USING (campaign_id) JOIN shares AS s ON s.channel = c.channel
WHERE s.share >= 0.3 AND e.event_time > TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY) AND e.event_time <= @run_time
-- reference
WITH spend AS (SELECT channel, sum(cost) AS cost FROM campaigns GROUP BY channel)
SELECT DISTINCT e.user_id FROM events AS e JOIN campaigns AS c ON c.campaign_id = e.campaign_id JOIN spend AS s ON s.channel = c.channel
WHERE s.cost * 10 >= 3 * (SELECT sum(cost) FROM spend)
  AND e.event_time > getvariable('run_time') - INTERVAL 30 DAY AND e.event_time <= getvariable('run_time')

-- query: lapsed_openers_left_join_coalesce
SELECT u.user_id
FROM users AS u
LEFT JOIN (SELECT user_id, MAX(event_time) AS last_open FROM events WHERE event_name = 'email_open' AND event_time <= @run_time GROUP BY user_id) AS o
  USING (user_id)
WHERE COALESCE(o.last_open, TIMESTAMP '1970-01-01 00:00:00+00') < TIMESTAMP_SUB(@run_time, INTERVAL 60 DAY)
  AND o.last_open IS NOT NULL
-- reference
SELECT user_id FROM events WHERE event_name = 'email_open' AND event_time <= getvariable('run_time')
GROUP BY user_id HAVING max(event_time) < getvariable('run_time') - INTERVAL 60 DAY

-- query: id_prefix_bucket_substr
SELECT user_id FROM users WHERE SUBSTR(user_id, -1) IN ('1', '7') AND SUBSTR(user_id, 0, 1) = 'u'
-- reference
SELECT user_id FROM users WHERE right(user_id, 1) IN ('1', '7') AND left(user_id, 1) = 'u'

-- query: sources_in_unnest_of_array_agg
WITH s AS (
  SELECT user_id, ARRAY_AGG(DISTINCT source IGNORE NULLS) AS sources FROM sessions WHERE session_start <= @run_time GROUP BY user_id
)
SELECT user_id FROM s WHERE 'email' IN UNNEST(sources) AND 'paid_search' NOT IN UNNEST(sources)
-- reference
SELECT user_id FROM sessions WHERE session_start <= getvariable('run_time')
GROUP BY user_id
HAVING sum(CASE WHEN source = 'email' THEN 1 ELSE 0 END) > 0 AND sum(CASE WHEN source = 'paid_search' THEN 1 ELSE 0 END) = 0

-- query: signup_day_parity_unix_date
SELECT user_id FROM users WHERE MOD(UNIX_DATE(signup_date), 7) = 0 AND signup_date <= DATE(@run_time)
-- reference
SELECT user_id FROM users WHERE (signup_date - DATE '1970-01-01') % 7 = 0 AND signup_date <= CAST(getvariable('run_time') AS DATE)

-- query: active_in_each_of_last_three_weeks_generate_array
WITH weeks AS (
  SELECT user_id, DIV(DATE_DIFF(DATE(@run_time), DATE(session_start), DAY), 7) AS weeks_ago
  FROM sessions WHERE session_start <= @run_time AND session_start > TIMESTAMP_SUB(@run_time, INTERVAL 21 DAY)
)
SELECT w.user_id FROM weeks AS w, UNNEST(GENERATE_ARRAY(0, 2)) AS wanted
WHERE w.weeks_ago = wanted
GROUP BY w.user_id
HAVING COUNT(DISTINCT wanted) = 3
-- reference
SELECT user_id FROM sessions
WHERE session_start <= getvariable('run_time') AND session_start > getvariable('run_time') - INTERVAL 21 DAY
GROUP BY user_id
HAVING count(DISTINCT (CAST(getvariable('run_time') AS DATE) - CAST(session_start AS DATE)) // 7) = 3
