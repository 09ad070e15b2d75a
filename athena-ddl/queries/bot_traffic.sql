-- How much of today's traffic is bots, and which ones?
SELECT coalesce(ua_browser, 'unknown') AS agent, ua_device_class, count(*) AS events
FROM events_today
WHERE is_bot
GROUP BY 1, 2
ORDER BY events DESC
