-- Sessions that started today (UTC), with the day's date for filters.
CREATE OR REPLACE VIEW sessions_today AS
SELECT s.*, date(s.session_start) AS session_date
FROM sessions s
WHERE s.year = date_format(current_date, '%Y')
  AND s.month = date_format(current_date, '%m')
  AND s.day = date_format(current_date, '%d')
