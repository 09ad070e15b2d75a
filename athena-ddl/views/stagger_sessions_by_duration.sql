-- Stagger-mode sessions per day, device and duration in whole seconds, with their events and
-- users: the sessionization source's sessions by duration (it left out 0 s windows, a single
-- event: filter duration_sec > 0 for its figures).
CREATE OR REPLACE VIEW stagger_sessions_by_duration AS
SELECT date(timeagg) AS day, device_id, duration_sec,
       count(*) AS sessions,
       sum(events) AS events,
       count(DISTINCT user_id) AS users
FROM stagger_sessions
GROUP BY date(timeagg), device_id, duration_sec
