-- Sessions per user and device (gap mode): written once each, when the watermark passes the
-- session's end + gap, by the streaming job's sessions query or by a sessions re-run.
CREATE EXTERNAL TABLE IF NOT EXISTS sessions (
  session_id       string              COMMENT 'stable id: user, device and first event',
  user_id          string              COMMENT 'user id',
  device_id        string              COMMENT 'device id ("unknown" when the events had none)',
  session_start    timestamp           COMMENT 'first event time (UTC)',
  session_end      timestamp           COMMENT 'last event time (UTC)',
  duration_sec     bigint              COMMENT 'session_end - session_start, seconds',
  events           int                 COMMENT 'distinct events in the session',
  entry_action     string              COMMENT 'first event name',
  exit_action      string              COMMENT 'last event name',
  event_counts     map<string,int>     COMMENT 'events per event name',
  products_viewed  array<bigint>       COMMENT 'products viewed, in order of first view',
  converted        boolean             COMMENT 'the session has a Purchase',
  revenue          decimal(12,2)       COMMENT 'sum of Purchase prices')
COMMENT 'clickpulse sessions'
PARTITIONED BY (year string, month string, day string, hour string)
STORED AS PARQUET
LOCATION '${lake}/sessions/'
TBLPROPERTIES ('parquet.compression'='SNAPPY')
