-- Users and buying users per channel group this month: which channel groups bring buyers?
SELECT channel_group,
       count(DISTINCT user_id) AS users,
       count(DISTINCT CASE WHEN event_name = 'Purchase' THEN user_id END) AS buyers,
       round(CAST(count(DISTINCT CASE WHEN event_name = 'Purchase' THEN user_id END) AS double)
             / nullif(count(DISTINCT user_id), 0), 4) AS buyer_share
FROM events_this_month
GROUP BY channel_group
ORDER BY buyers DESC, channel_group
