-- Which elements do people click on each restaurant's ordering page this month, and how long do they spend there?
SELECT coalesce(restaurant_name, 'unknown') AS restaurant, element_clicked,
       count(*) AS clicks,
       count(DISTINCT user_id) AS users,
       round(avg(time_spent), 1) AS avg_time_spent_sec
FROM events_this_month
WHERE element_clicked IS NOT NULL
GROUP BY 1, 2
ORDER BY restaurant, clicks DESC, element_clicked
