-- The raw archive's records, parsed (null where a record is not JSON or lacks the field): the
-- three producer shapes side by side, with the Kinesis origin and the arrival hour. line is the
-- record as text: a raw line's data, or its data_base64 bytes read as UTF-8 (invalid bytes
-- replaced; payload_base64 keeps them exact), or a line that is no raw line as it is.
CREATE OR REPLACE VIEW raw_events_parsed AS
SELECT json_extract_scalar(line, '$.click_id') AS click_id,
       coalesce(json_extract_scalar(line, '$.event_name'), json_extract_scalar(line, '$.client_event'),
                CASE WHEN json_extract_scalar(line, '$.element_clicked') IS NOT NULL THEN 'click' END) AS event_name,
       coalesce(json_extract_scalar(line, '$.timestamp'), json_extract_scalar(line, '$.client_timestamp'),
                json_extract_scalar(line, '$.created_at')) AS event_time_text,
       json_extract_scalar(line, '$.user_id') AS user_id,
       json_extract_scalar(line, '$.device_id') AS device_id,
       json_extract_scalar(line, '$.user_ip') AS user_ip,
       json_extract_scalar(line, '$.user_agent') AS user_agent,
       json_extract_scalar(line, '$.page_url') AS page_url,
       json_extract_scalar(line, '$.referrer') AS referrer,
       coalesce(json_extract_scalar(line, '$.additional_data.product_id'), json_extract_scalar(line, '$.product_id'))
         AS product_id,
       json_extract_scalar(line, '$.additional_data.price') AS price,
       json_extract_scalar(line, '$.additional_data.percent_viewed') AS percent_viewed,
       json_extract_scalar(line, '$.element_clicked') AS element_clicked,
       json_extract_scalar(line, '$.restaurant_name') AS restaurant_name,
       try(json_parse(line)) IS NOT NULL AS is_json,
       line,
       year, month, day, hour,
       partition_key, sequence_number, arrival_time, payload_base64
FROM (
  SELECT coalesce(json_extract_scalar(r.line, '$.data'),
                  from_utf8(try(from_base64(json_extract_scalar(r.line, '$.data_base64')))),
                  r.line) AS line,
         json_extract_scalar(r.line, '$.data_base64') AS payload_base64,
         json_extract_scalar(r.line, '$.partition_key') AS partition_key,
         json_extract_scalar(r.line, '$.sequence_number') AS sequence_number,
         CAST(try(from_iso8601_timestamp(json_extract_scalar(r.line, '$.arrival_time'))) AT TIME ZONE 'UTC' AS timestamp(3))
           AS arrival_time,
         r.year, r.month, r.day, r.hour
  FROM raw_events r
) AS p
