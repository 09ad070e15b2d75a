-- Each user's last access: the time of their latest event, where it came from (geo IP country,
-- region, city) and on what (device id, user-agent device class), with their name and how many
-- events they have in all. One row per user; events at the same latest time are ordered by event
-- id, so the row is the same on every run.
CREATE OR REPLACE VIEW last_access_per_user AS
SELECT user_id, user_name, user_segment, event_time AS last_access_time, event_name AS last_event_name,
       source_shape, geo_country AS country, geo_region AS region, geo_city AS city,
       device_id, ua_device_class, events
FROM (
  SELECT user_id, user_name, user_segment, event_time, event_name, source_shape, geo_country,
         geo_region, geo_city, device_id, ua_device_class,
         count(*) OVER (PARTITION BY user_id) AS events,
         row_number() OVER (PARTITION BY user_id ORDER BY event_time DESC, event_id) AS rn
  FROM events
  WHERE user_id IS NOT NULL
) t
WHERE rn = 1
