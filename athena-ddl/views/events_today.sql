-- Today's events (UTC day), every column; reads only today's partitions.
CREATE OR REPLACE VIEW events_today AS
SELECT *
FROM events
WHERE year = date_format(current_date, '%Y')
  AND month = date_format(current_date, '%m')
  AND day = date_format(current_date, '%d')
