-- Demand and price per product and hour: views, carts and purchases next to the catalog price the
-- events saw (dynamic pricing moves it with demand).
CREATE OR REPLACE VIEW product_demand_vs_price AS
SELECT date_trunc('hour', event_time) AS hour_start,
       product_id,
       max(product_name) AS product_name,
       count_if(event_name = 'ViewContent') AS views,
       count_if(event_name = 'AddToCart') AS add_to_carts,
       count_if(event_name = 'Purchase') AS purchases,
       max(base_price) AS base_price,
       avg(current_price) AS avg_price,
       min(current_price) AS min_price,
       max(current_price) AS max_price
FROM events
WHERE product_known
GROUP BY date_trunc('hour', event_time), product_id
