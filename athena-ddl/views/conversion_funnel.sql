-- The shop's search → view → cart → purchase funnel per day, one row per stage (for the funnel
-- chart), with each stage's share of the first.
CREATE OR REPLACE VIEW conversion_funnel AS
SELECT day, stage, stage_order, events,
       round(CAST(events AS double) / nullif(first_value(events) OVER (PARTITION BY day ORDER BY stage_order), 0), 4)
         AS share_of_searches
FROM (
  SELECT date(concat(year, '-', month, '-', day)) AS day, 'Search' AS stage, 1 AS stage_order, sum(searches) AS events
  FROM agg_product_funnel GROUP BY 1
  UNION ALL
  SELECT date(concat(year, '-', month, '-', day)), 'ViewContent', 2, sum(views) FROM agg_product_funnel GROUP BY 1
  UNION ALL
  SELECT date(concat(year, '-', month, '-', day)), 'AddToCart', 3, sum(add_to_carts) FROM agg_product_funnel GROUP BY 1
  UNION ALL
  SELECT date(concat(year, '-', month, '-', day)), 'Purchase', 4, sum(purchases) FROM agg_product_funnel GROUP BY 1
) t
