-- The raw archive: every record the stream read, malformed ones included, one line each,
-- partitioned by arrival hour. A line is a JSON object (sink/RawLine.java): the record as text in
-- data (escaped, so a multi-line record stays on its line), or its bytes as base64 in data_base64
-- (not UTF-8, or over streaming.max-record-bytes), with partition_key, sequence_number and
-- arrival_time, so a re-run decodes it exactly as the stream did. Read as text and parsed by the
-- view raw_events_parsed: a file in raw/ that is not such lines would fail a JSON SerDe table.
CREATE EXTERNAL TABLE IF NOT EXISTS raw_events (
  line  string  COMMENT 'one record: {"partition_key", "sequence_number", "arrival_time", "data" or "data_base64"} as JSON')
COMMENT 'clickpulse raw archive (JSON lines, one per Kinesis record)'
PARTITIONED BY (year string, month string, day string, hour string)
ROW FORMAT DELIMITED
  FIELDS TERMINATED BY '\u0001'
  LINES TERMINATED BY '\n'
STORED AS TEXTFILE
LOCATION '${lake}/raw/'
