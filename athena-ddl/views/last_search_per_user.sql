-- Each user's most recent search, with the user's name and segment.
CREATE OR REPLACE VIEW last_search_per_user AS
SELECT user_id, user_name, user_segment, event_time AS last_search_time, page_url, geo_country, ua_device_class
FROM (
  SELECT user_id, user_name, user_segment, event_time, page_url, geo_country, ua_device_class,
         row_number() OVER (PARTITION BY user_id ORDER BY event_time DESC, event_id) AS rn
  FROM events
  WHERE event_name = 'Search' AND user_id IS NOT NULL
) t
WHERE rn = 1
