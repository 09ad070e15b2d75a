-- AggregateJob, daily: the search → view → cart → purchase funnel per product.
CREATE EXTERNAL TABLE IF NOT EXISTS agg_product_funnel (
  product_id       bigint  COMMENT 'product id',
  product_name     string  COMMENT 'catalog name (null for unknown products)',
  category         string  COMMENT 'catalog category',
  searches         bigint  COMMENT 'Search events',
  views            bigint  COMMENT 'ViewContent events',
  add_to_carts     bigint  COMMENT 'AddToCart events',
  purchases        bigint  COMMENT 'Purchase events',
  view_rate        double  COMMENT 'views / searches (null without searches)',
  cart_rate        double  COMMENT 'add_to_carts / views',
  purchase_rate    double  COMMENT 'purchases / add_to_carts',
  conversion_rate  double  COMMENT 'purchases / views')
PARTITIONED BY (year string, month string, day string)
STORED AS PARQUET
LOCATION '${lake}/aggregates/product_funnel/'
