-- Where does this month's revenue come from?
SELECT coalesce(geo_country, 'unknown') AS country, count(*) AS purchases, sum(price) AS revenue
FROM events_this_month
WHERE event_name = 'Purchase'
GROUP BY 1
ORDER BY revenue DESC
