-- The search → view → cart → purchase funnel per product and day (from AggregateJob).
CREATE OR REPLACE VIEW product_funnel AS
SELECT date(concat(year, '-', month, '-', day)) AS day, product_id, product_name, category, searches, views,
       add_to_carts, purchases, view_rate, cart_rate, purchase_rate, conversion_rate
FROM agg_product_funnel
