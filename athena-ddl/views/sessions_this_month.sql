-- Sessions that started this month (UTC), with the day's date for filters; reads only this month's
-- partitions.
CREATE OR REPLACE VIEW sessions_this_month AS
SELECT s.*, date(s.session_start) AS session_date
FROM sessions s
WHERE s.year = date_format(current_date, '%Y')
  AND s.month = date_format(current_date, '%m')
