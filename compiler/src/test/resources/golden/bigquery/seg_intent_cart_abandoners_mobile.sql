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
      p.carts_7d AS carts_7d,
      p.last_cart_at AS last_cart_at,
      COUNT(*) OVER (PARTITION BY p.user_id) AS _rows_per_user_id
    FROM (
WITH carts AS (
  SELECT user_id, COUNT(*) AS carts_7d, MAX(event_time) AS last_cart_at
  FROM events
  WHERE event_name = 'add_to_cart'
    AND event_time > TIMESTAMP_SUB(@run_time, INTERVAL 7 DAY)
    AND event_time <= @run_time
  GROUP BY user_id
),
recent_buyers AS (
  SELECT DISTINCT user_id
  FROM events
  WHERE revenue > 0
    AND event_time > TIMESTAMP_SUB(@run_time, INTERVAL 7 DAY)
    AND event_time <= @run_time
)
SELECT c.user_id, c.carts_7d, c.last_cart_at
FROM carts AS c
JOIN users AS u ON u.user_id = c.user_id
WHERE u.device_type = 'mobile'
  AND c.user_id NOT IN (SELECT user_id FROM recent_buyers)
) AS p
  )
SELECT
  user_id,
  carts_7d,
  last_cart_at
FROM _segment_rows
WHERE IF(_rows_per_user_id = 1, TRUE, ERROR('seg_intent_cart_abandoners_mobile: user_id appears on more than one row, but a segment has one row per user (GROUP BY user_id or SELECT DISTINCT)'))
