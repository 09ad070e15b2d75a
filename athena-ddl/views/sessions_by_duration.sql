-- Sessions per day, duration bucket and device (from AggregateJob), for the duration histogram
-- and the device tree map.
CREATE OR REPLACE VIEW sessions_by_duration AS
SELECT date(concat(year, '-', month, '-', day)) AS day,
       duration_bucket, bucket_order, device_id, sessions, total_duration_sec, avg_duration_sec, events,
       converted_sessions
FROM agg_sessions_by_duration
