-- AggregateJob, daily: events per region (state, province), ranked (1 = most events).
CREATE EXTERNAL TABLE IF NOT EXISTS agg_top_regions (
  country  string  COMMENT 'ISO country code',
  region   string  COMMENT 'first-level subdivision',
  events   bigint  COMMENT 'events',
  users    bigint  COMMENT 'distinct user ids',
  rank     int     COMMENT 'dense rank by events within the day')
PARTITIONED BY (year string, month string, day string)
STORED AS PARQUET
LOCATION '${lake}/aggregates/top_regions/'
