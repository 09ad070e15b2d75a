-- The raw archive's fields, parsed from each line (null where a line is not JSON or lacks the
-- field); the three producer shapes side by side, with the arrival hour.
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
       year, month, day, hour
FROM raw_events
