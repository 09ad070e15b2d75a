-- Which ten products were viewed most today, and how many of those views ended in a purchase?
SELECT product_id, max(product_name) AS product_name,
       count_if(event_name = 'ViewContent') AS views,
       count_if(event_name = 'Purchase') AS purchases
FROM events_today
WHERE product_id IS NOT NULL
GROUP BY product_id
ORDER BY views DESC, product_id
LIMIT 10
