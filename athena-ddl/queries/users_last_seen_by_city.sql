-- Where were our users last seen, by country and city, and on which devices?
SELECT coalesce(country, 'unknown') AS country, coalesce(city, 'unknown') AS city,
       count(*) AS users,
       count_if(ua_device_class = 'Phone') AS on_phones,
       max(last_access_time) AS latest_access
FROM last_access_per_user
GROUP BY 1, 2
ORDER BY users DESC, country, city
