-- Every record that could not be used, with its reason and original bytes, by arrival day.
-- source tells who found it: the streaming job, or FlattenJob re-reading raw/ (a range that was
-- flattened again has its bad lines here twice, once per source).
CREATE EXTERNAL TABLE IF NOT EXISTS bad_records (
  reason           string  COMMENT 'BadReason codes: too_large, not_utf8, not_json, not_an_object, unknown_shape, missing_field, wrong_type, bad_timestamp, unknown_event, time_in_future, time_too_old, field_too_long, too_complex, bad_characters, decoder_error',
  reason_detail    string  COMMENT 'what exactly was wrong',
  payload          string  COMMENT 'the original record as text (UTF-8 records; user_ip masked with enrich.geoip.anonymize-ip)',
  payload_base64   string  COMMENT 'the original bytes, base64 (records that are not UTF-8 or too large; user_ip masked likewise)',
  payload_bytes    int     COMMENT 'size of the original record',
  shard_id         string  COMMENT 'Kinesis shard (stream only)',
  sequence_number  string  COMMENT 'Kinesis sequence number (null for a line in raw/ that is no raw line)',
  partition_key    string  COMMENT 'Kinesis partition key (null for a line in raw/ that is no raw line)',
  arrival_time     timestamp COMMENT 'when Kinesis accepted it (flatten: from its raw line; a line that is no raw line: the last millisecond of its hour)',
  source           string  COMMENT 'stream or flatten')
COMMENT 'clickpulse bad records'
PARTITIONED BY (year string, month string, day string)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${lake}/bad_records/'
