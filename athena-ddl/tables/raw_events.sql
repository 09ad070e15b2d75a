-- The raw archive: every record exactly as the producers sent it, one JSON object per line
-- (as Kinesis Data Firehose would write it), partitioned by arrival hour. The three producer
-- shapes share this table; a field a shape lacks is null. Malformed lines are skipped here;
-- they are in bad_records with their reason.
CREATE EXTERNAL TABLE IF NOT EXISTS raw_events (
  `timestamp`          string  COMMENT 'pixel: event time, yyyy-MM-dd HH:mm:ss.SSSSSS (UTC)',
  user_id              string  COMMENT 'user id (pixel, app; ui when signed in)',
  pixel_id             string  COMMENT 'pixel: tracker pixel id',
  click_id             string  COMMENT 'pixel: click id',
  insertion_timestamp  string  COMMENT 'pixel: when the tracker queued the event',
  event_name           string  COMMENT 'pixel: Search, ViewContent, AddToCart, Purchase',
  user_ip              string  COMMENT 'client address as sent',
  device_id            string  COMMENT 'device id',
  user_agent           string  COMMENT 'User-Agent header',
  page_url             string  COMMENT 'page URL',
  referrer             string  COMMENT 'referring URL',
  additional_data      struct<time_on_data:int,percent_viewed:double,product_id:bigint,price:decimal(12,2)>
                               COMMENT 'pixel: nested event details',
  client_event         string  COMMENT 'app: event name',
  client_timestamp     string  COMMENT 'app: event time',
  product_id           bigint  COMMENT 'app: product id',
  element_clicked      string  COMMENT 'ui: element clicked',
  created_at           string  COMMENT 'ui: event time',
  time_spent           double  COMMENT 'ui: seconds spent',
  restaurant_name      string  COMMENT 'ui: restaurant')
COMMENT 'clickpulse raw archive (JSON lines)'
PARTITIONED BY (year string, month string, day string, hour string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('ignore.malformed.json'='true')
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${lake}/raw/'
