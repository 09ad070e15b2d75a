-- AggregateJob, daily: events and distinct users per country and event name.
CREATE EXTERNAL TABLE IF NOT EXISTS agg_events_by_country (
  country     string  COMMENT 'ISO 3166-1 alpha-2 code from geo IP, or unknown',
  event_name  string  COMMENT 'event name',
  events      bigint  COMMENT 'events',
  users       bigint  COMMENT 'distinct user ids')
PARTITIONED BY (year string, month string, day string)
STORED AS PARQUET
LOCATION '${lake}/aggregates/events_by_country/'
