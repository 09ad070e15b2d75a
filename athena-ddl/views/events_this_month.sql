-- This month's events (UTC), every column; reads only this month's partitions.
CREATE OR REPLACE VIEW events_this_month AS
SELECT *
FROM events
WHERE year = date_format(current_date, '%Y')
  AND month = date_format(current_date, '%m')
