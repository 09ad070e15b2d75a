-- Sessions in the Kinesis Data Analytics stagger-window mode (sessions.mode=stagger): the
-- columns of the KDA SQL example, one row per user, device and window.
CREATE EXTERNAL TABLE IF NOT EXISTS stagger_sessions (
  session_id       string  COMMENT 'upper(first 3 characters of user_id _ first 3 of device_id, window start epoch), e.g. 20_MOB1543534500',
  user_id          string  COMMENT 'user id',
  device_id        string  COMMENT 'device id',
  timeagg          timestamp COMMENT 'window start',
  events           int     COMMENT 'events in the window',
  beginnavigation  string  COMMENT 'first event name',
  endnavigation    string  COMMENT 'last event name',
  beginsession     string  COMMENT 'first event time, mm:ss.SSS',
  endsession       string  COMMENT 'last event time, mm:ss.SSS',
  duration_sec     int     COMMENT 'seconds between first and last event (truncated)')
COMMENT 'clickpulse stagger-window sessions (KDA compatible)'
PARTITIONED BY (year string, month string, day string, hour string)
STORED AS PARQUET
LOCATION '${lake}/stagger_sessions/'
TBLPROPERTIES ('parquet.compression'='SNAPPY')
