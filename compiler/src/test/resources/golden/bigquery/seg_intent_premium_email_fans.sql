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
  sessions AS (
    SELECT
      session_id,
      user_id,
      session_start,
      source,
      time_on_site_seconds,
      pageviews
    FROM `acme-marketing.analytics.sessions`
    WHERE user_id IN (SELECT user_id FROM users)
  ),
  _segment_rows AS (
    SELECT
      p.user_id AS user_id,
      p.premium_views AS premium_views,
      p.time_on_site_seconds AS time_on_site_seconds,
      COUNT(*) OVER (PARTITION BY p.user_id) AS _rows_per_user_id
    FROM (
-- premium product viewers in the last 30 days, email-engaged, never paid display, never bought
WITH premium AS (
  SELECT user_id, COUNT(*) AS premium_views
  FROM events
  WHERE event_name = 'product_view'
    AND product_category = 'premium'
    AND event_time > TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
    AND event_time <= @run_time
  GROUP BY user_id
),
recent_sessions AS (
  SELECT
    user_id,
    COUNTIF(source = 'email') AS email_sessions,
    COUNTIF(source = 'paid_display') AS display_sessions,
    SUM(time_on_site_seconds) AS time_on_site_seconds
  FROM sessions
  WHERE session_start > TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
    AND session_start <= @run_time
  GROUP BY user_id
),
buyers AS (
  SELECT DISTINCT user_id
  FROM events
  WHERE revenue > 0
    AND event_time <= @run_time
)
SELECT
  p.user_id,
  p.premium_views,
  s.time_on_site_seconds
FROM premium AS p
JOIN recent_sessions AS s ON s.user_id = p.user_id
WHERE s.email_sessions >= 2
  AND s.display_sessions = 0
  AND p.user_id NOT IN (SELECT user_id FROM buyers)
) AS p
  )
SELECT
  user_id,
  premium_views,
  time_on_site_seconds
FROM _segment_rows
WHERE IF(_rows_per_user_id = 1, TRUE, ERROR('seg_intent_premium_email_fans: user_id appears on more than one row, but a segment has one row per user (GROUP BY user_id or SELECT DISTINCT)'))
