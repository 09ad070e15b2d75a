-- The raw archive: every record exactly as the producers sent it, one line each (as Kinesis Data
-- Firehose would write it), partitioned by arrival hour. Read as text, parsed by the view
-- raw_events_parsed: the archive keeps malformed records too, and one malformed line makes a
-- JSON SerDe table fail the whole query (bad_records holds them with their reason).
CREATE EXTERNAL TABLE IF NOT EXISTS raw_events (
  line  string  COMMENT 'the record as sent: a JSON object in one of the three producer shapes, or what a bad record held')
COMMENT 'clickpulse raw archive (JSON lines)'
PARTITIONED BY (year string, month string, day string, hour string)
ROW FORMAT DELIMITED
  FIELDS TERMINATED BY '\u0001'
  LINES TERMINATED BY '\n'
STORED AS TEXTFILE
LOCATION '${lake}/raw/'
