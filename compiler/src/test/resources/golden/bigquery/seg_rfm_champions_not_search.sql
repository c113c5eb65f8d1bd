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
  rfm_r_scale AS (
    SELECT
      recency_days,
      CAST(1 + DIV(5 * (SUM(COUNT(*)) OVER (ORDER BY recency_days DESC) - COUNT(*)), SUM(COUNT(*)) OVER ()) AS INT64) AS r_score
    FROM rfm_base
    GROUP BY recency_days
  ),
  rfm_f_scale AS (
    SELECT
      frequency,
      CAST(1 + DIV(5 * (SUM(COUNT(*)) OVER (ORDER BY frequency) - COUNT(*)), SUM(COUNT(*)) OVER ()) AS INT64) AS f_score
    FROM rfm_base
    GROUP BY frequency
  ),
  rfm_m_scale AS (
    SELECT
      monetary,
      CAST(1 + DIV(5 * (SUM(COUNT(*)) OVER (ORDER BY monetary) - COUNT(*)), SUM(COUNT(*)) OVER ()) AS INT64) AS m_score
    FROM rfm_base
    GROUP BY monetary
  ),
  rfm_scores AS (
    SELECT
      b.user_id AS user_id,
      b.recency_days AS recency_days,
      b.frequency AS frequency,
      b.monetary AS monetary,
      r.r_score AS r_score,
      f.f_score AS f_score,
      m.m_score AS m_score
    FROM rfm_base AS b
    LEFT JOIN rfm_r_scale AS r ON r.recency_days = b.recency_days
    LEFT JOIN rfm_f_scale AS f ON f.frequency = b.frequency
    LEFT JOIN rfm_m_scale AS m ON m.monetary = b.monetary
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
  ),
  _members_seg_rfm_champions_search_high AS (
    SELECT
      r.user_id AS user_id
    FROM (
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
  rfm_r_scale AS (
    SELECT
      recency_days,
      CAST(1 + DIV(5 * (SUM(COUNT(*)) OVER (ORDER BY recency_days DESC) - COUNT(*)), SUM(COUNT(*)) OVER ()) AS INT64) AS r_score
    FROM rfm_base
    GROUP BY recency_days
  ),
  rfm_f_scale AS (
    SELECT
      frequency,
      CAST(1 + DIV(5 * (SUM(COUNT(*)) OVER (ORDER BY frequency) - COUNT(*)), SUM(COUNT(*)) OVER ()) AS INT64) AS f_score
    FROM rfm_base
    GROUP BY frequency
  ),
  rfm_m_scale AS (
    SELECT
      monetary,
      CAST(1 + DIV(5 * (SUM(COUNT(*)) OVER (ORDER BY monetary) - COUNT(*)), SUM(COUNT(*)) OVER ()) AS INT64) AS m_score
    FROM rfm_base
    GROUP BY monetary
  ),
  rfm_scores AS (
    SELECT
      b.user_id AS user_id,
      b.recency_days AS recency_days,
      b.frequency AS frequency,
      b.monetary AS monetary,
      r.r_score AS r_score,
      f.f_score AS f_score,
      m.m_score AS m_score
    FROM rfm_base AS b
    LEFT JOIN rfm_r_scale AS r ON r.recency_days = b.recency_days
    LEFT JOIN rfm_f_scale AS f ON f.frequency = b.frequency
    LEFT JOIN rfm_m_scale AS m ON m.monetary = b.monetary
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
  ),
  metrics_events AS (
    SELECT
      user_id,
      SAFE_DIVIDE(CAST(COUNTIF(revenue > 0 AND source = 'paid_search') AS FLOAT64), COUNTIF(revenue > 0)) AS paid_search_share
    FROM events
    WHERE event_time <= @run_time
      AND event_time > TIMESTAMP_SUB(@run_time, INTERVAL 365 DAY)
    GROUP BY user_id
  )
SELECT
  p.user_id AS user_id,
  p.segment_label AS segment_label,
  p.recency_days AS recency_days,
  p.frequency AS frequency,
  p.monetary AS monetary,
  p.r_score AS r_score,
  p.f_score AS f_score,
  p.m_score AS m_score,
  m_events.paid_search_share AS paid_search_share
FROM rfm_labels AS p
LEFT JOIN metrics_events AS m_events ON m_events.user_id = p.user_id
WHERE p.segment_label IN ('champions')
  AND m_events.paid_search_share >= 0.5
) AS r
    WHERE r.user_id IS NOT NULL
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
  AND NOT (p.user_id IN (SELECT user_id FROM _members_seg_rfm_champions_search_high))
