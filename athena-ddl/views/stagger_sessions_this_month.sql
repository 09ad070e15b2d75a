-- Stagger-mode sessions whose window started this month (UTC), with the day's date for filters:
-- the sessionization source's "this month" view.
CREATE OR REPLACE VIEW stagger_sessions_this_month AS
SELECT s.*, date(s.timeagg) AS session_date
FROM stagger_sessions s
WHERE s.year = date_format(current_date, '%Y')
  AND s.month = date_format(current_date, '%m')
