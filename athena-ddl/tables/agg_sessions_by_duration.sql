-- AggregateJob, daily: sessions per duration bucket and device (by session start day).
CREATE EXTERNAL TABLE IF NOT EXISTS agg_sessions_by_duration (
  duration_bucket     string  COMMENT '0-10s, 10-30s, 30s-1min, 1-5min, 5-15min, 15-30min, 30min+',
  bucket_order        int     COMMENT 'sort key of the bucket, 0 = shortest',
  device_id           string  COMMENT 'device',
  sessions            bigint  COMMENT 'sessions',
  total_duration_sec  bigint  COMMENT 'sum of durations',
  avg_duration_sec    double  COMMENT 'mean duration',
  events              bigint  COMMENT 'events in those sessions',
  converted_sessions  bigint  COMMENT 'sessions with a purchase')
PARTITIONED BY (year string, month string, day string)
STORED AS PARQUET
LOCATION '${lake}/aggregates/sessions_by_duration/'
