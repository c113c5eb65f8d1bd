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
      p.product_views AS product_views,
      COUNT(*) OVER (PARTITION BY p.user_id) AS _rows_per_user_id
    FROM (
SELECT
  u.user_id,
  COUNTIF(e.event_name = 'product_view') AS product_views
FROM users AS u
JOIN events AS e ON e.user_id = u.user_id
WHERE u.signup_date > DATE_SUB(DATE(@run_time), INTERVAL 30 DAY)
  AND e.event_time <= @run_time
GROUP BY u.user_id
HAVING COUNTIF(e.event_name = 'product_view') >= 3
  AND COUNTIF(e.revenue > 0) = 0
) AS p
  )
SELECT
  user_id,
  product_views
FROM _segment_rows
WHERE IF(_rows_per_user_id = 1, TRUE, ERROR('seg_lifecycle_new_signups_browsing: user_id appears on more than one row, but a segment has one row per user (GROUP BY user_id or SELECT DISTINCT)'))
