-- How long were today's stagger-mode sessions: how many sessions lasted each number of seconds (as the sessionization source's query, without 0 s windows)?
SELECT duration_sec, count(1) AS sessions
FROM stagger_sessions_today
WHERE duration_sec > 0
GROUP BY duration_sec
ORDER BY sessions DESC, duration_sec
