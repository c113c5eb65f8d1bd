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
  rfm_base AS (
    SELECT
      user_id,
      TIMESTAMP_DIFF(@run_time, MAX(event_time), DAY) AS recency_days,
      COUNT(*) AS frequency,
      SUM(revenue) AS monetary
    FROM events
    WHERE revenue > 0
      AND event_time > TIMESTAMP_SUB(@run_time, INTERVAL 365 DAY)
      AND event_time <= @run_time
    GROUP BY user_id
  ),
  rfm_scores AS (
    SELECT
      user_id,
      recency_days,
      frequency,
      monetary,
      NTILE(5) OVER (ORDER BY recency_days DESC, user_id) AS r_score,
      NTILE(5) OVER (ORDER BY frequency, user_id) AS f_score,
      NTILE(5) OVER (ORDER BY monetary, user_id) AS m_score
    FROM rfm_base
  ),
  rfm_labels AS (
    SELECT
      user_id,
      recency_days,
      frequency,
      monetary,
      r_score,
      f_score,
      m_score,
      CASE
        WHEN r_score >= 4 AND f_score >= 4 AND m_score >= 4 THEN 'champions'
        WHEN f_score >= 4 THEN 'loyal'
        WHEN r_score <= 2 AND f_score >= 3 THEN 'at_risk'
        WHEN r_score >= 4 AND f_score <= 2 AND m_score >= 3 THEN 'new_high_potential'
        ELSE 'other'
      END AS segment_label
    FROM rfm_scores
  )
SELECT
  p.user_id AS user_id,
  p.segment_label AS segment_label,
  p.recency_days AS recency_days,
  p.frequency AS frequency,
  p.monetary AS monetary,
  p.r_score AS r_score,
  p.f_score AS f_score,
  p.m_score AS m_score
FROM rfm_labels AS p
WHERE p.segment_label IN ('champions')
