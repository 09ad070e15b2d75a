-- Events and users per day and city (geo IP), with the city's country and region (a city name
-- alone is ambiguous: there are many Springfields), for the city map.
CREATE OR REPLACE VIEW events_by_city AS
SELECT date(event_time) AS day, geo_country AS country, geo_region AS region, geo_city AS city,
       count(*) AS events,
       count(DISTINCT user_id) AS users
FROM events
WHERE geo_city IS NOT NULL
GROUP BY date(event_time), geo_country, geo_region, geo_city
