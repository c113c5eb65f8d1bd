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
  metrics_events AS (
    SELECT
      user_id,
      COUNTIF(event_time > TIMESTAMP_SUB(@run_time, INTERVAL 90 DAY) AND event_name = 'email_open') AS email_opens,
      COUNTIF(event_time > TIMESTAMP_SUB(@run_time, INTERVAL 180 DAY) AND revenue > 0) AS recent_purchases,
      COUNTIF(revenue > 0) AS earlier_purchases
    FROM events
    WHERE event_time <= @run_time
    GROUP BY user_id
  )
SELECT
  p.user_id AS user_id,
  COALESCE(m_events.email_opens, 0) AS email_opens,
  COALESCE(m_events.earlier_purchases, 0) AS earlier_purchases
FROM users AS p
LEFT JOIN metrics_events AS m_events ON m_events.user_id = p.user_id
WHERE COALESCE(m_events.email_opens, 0) >= 2 AND COALESCE(m_events.earlier_purchases, 0) >= 1
  AND NOT (COALESCE(m_events.recent_purchases, 0) > 0)
