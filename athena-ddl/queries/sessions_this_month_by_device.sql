-- How many sessions did each device have this month, how long were they, and how many converted?
SELECT device_id, count(*) AS sessions,
       round(avg(duration_sec), 1) AS avg_duration_sec,
       sum(events) AS events,
       count_if(converted) AS converted_sessions
FROM sessions_this_month
GROUP BY device_id
ORDER BY sessions DESC, device_id
