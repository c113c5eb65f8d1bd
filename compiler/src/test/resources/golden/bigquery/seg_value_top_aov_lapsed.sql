WITH
  users AS (
    SELECT
      user_id,
      signup_date,
      country,
      device_type
    FROM `acme-marketing.analytics.users`
    WHERE (country IS NULL OR country <> 'TEST')
  ),
  events AS (
    SELECT
      user_id,
      event_name,
      event_time,
      source,
      campaign_id,
      revenue,
      product_category,
      session_id
    FROM `acme-marketing.analytics.events`
    WHERE user_id IN (SELECT user_id FROM users)
  ),
  _segment_rows AS (
    SELECT
      p.user_id AS user_id,
      p.average_order_value AS average_order_value,
      p.days_since_purchase AS days_since_purchase,
      COUNT(*) OVER (PARTITION BY p.user_id) AS _rows_per_user_id
    FROM (
WITH orders AS (
  SELECT
    user_id,
    CAST(SAFE_DIVIDE(SUM(revenue), COUNT(*)) AS FLOAT64) AS average_order_value,
    TIMESTAMP_DIFF(@run_time, MAX(event_time), DAY) AS days_since_purchase
  FROM events
  WHERE revenue > 0
    AND event_time > TIMESTAMP_SUB(@run_time, INTERVAL 365 DAY)
    AND event_time <= @run_time
  GROUP BY user_id
),
ranked AS (
  SELECT
    user_id,
    average_order_value,
    days_since_purchase,
    NTILE(5) OVER (ORDER BY average_order_value DESC, user_id) AS aov_quintile
  FROM orders
)
SELECT user_id, average_order_value, days_since_purchase
FROM ranked
WHERE aov_quintile = 1
  AND days_since_purchase >= 90
) AS p
  )
SELECT
  user_id,
  average_order_value,
  days_since_purchase
FROM _segment_rows
WHERE IF(_rows_per_user_id = 1, TRUE, ERROR('seg_value_top_aov_lapsed: user_id appears on more than one row, but a segment has one row per user (GROUP BY user_id or SELECT DISTINCT)'))
