-- Why were records rejected today, and by which job?
SELECT source, reason, count(*) AS records, max(arrival_time) AS last_seen
FROM bad_records
WHERE year = date_format(current_date, '%Y') AND month = date_format(current_date, '%m')
  AND day = date_format(current_date, '%d')
GROUP BY source, reason
ORDER BY records DESC, reason
