-- AggregateJob, daily: what each customer did.
CREATE EXTERNAL TABLE IF NOT EXISTS agg_actions_per_customer (
  user_id           string         COMMENT 'user id',
  user_name         string         COMMENT 'name from the users table',
  user_segment      string         COMMENT 'segment from the users table',
  actions           bigint         COMMENT 'all events of the user that day',
  searches          bigint         COMMENT 'Search events',
  views             bigint         COMMENT 'ViewContent events',
  add_to_carts      bigint         COMMENT 'AddToCart events',
  purchases         bigint         COMMENT 'Purchase events',
  revenue           decimal(14,2)  COMMENT 'sum of Purchase prices',
  first_event_time  timestamp      COMMENT 'first event of the day',
  last_event_time   timestamp      COMMENT 'last event of the day')
PARTITIONED BY (year string, month string, day string)
STORED AS PARQUET
LOCATION '${lake}/aggregates/actions_per_customer/'
