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
  metrics_events AS (
    SELECT
      user_id,
      COUNTIF(event_time > TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY) AND event_name = 'product_view' AND product_category = 'premium') AS premium_views,
      COUNTIF(revenue > 0) AS lifetime_purchases
    FROM events
    WHERE event_time <= @run_time
    GROUP BY user_id
  ),
  metrics_sessions AS (
    SELECT
      user_id,
      COUNTIF(source = 'email') AS email_sessions_30d,
      COUNTIF(source = 'paid_display') AS paid_display_sessions,
      SUM(time_on_site_seconds) AS time_on_site_seconds
    FROM sessions
    WHERE session_start <= @run_time
      AND session_start > TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
    GROUP BY user_id
  )
SELECT
  p.user_id AS user_id,
  COALESCE(m_events.premium_views, 0) AS premium_views,
  COALESCE(m_sessions.time_on_site_seconds, 0) AS time_on_site_seconds
FROM users AS p
LEFT JOIN metrics_events AS m_events ON m_events.user_id = p.user_id
LEFT JOIN metrics_sessions AS m_sessions ON m_sessions.user_id = p.user_id
WHERE COALESCE(m_events.premium_views, 0) >= 1 AND COALESCE(m_sessions.email_sessions_30d, 0) >= 2 AND COALESCE(m_sessions.paid_display_sessions, 0) = 0
  AND NOT (COALESCE(m_events.lifetime_purchases, 0) > 0)
