-- Stagger-mode sessions (sessions.mode=stagger) whose window started today (UTC), with the day's
-- date for filters: the sessionization source's "today" view over its aggregated sessions.
CREATE OR REPLACE VIEW stagger_sessions_today AS
SELECT s.*, date(s.timeagg) AS session_date
FROM stagger_sessions s
WHERE s.year = date_format(current_date, '%Y')
  AND s.month = date_format(current_date, '%m')
  AND s.day = date_format(current_date, '%d')
