-- Regions per day ranked by events (from AggregateJob), for the top-10 bar chart and the region map.
CREATE OR REPLACE VIEW top_regions AS
SELECT date(concat(year, '-', month, '-', day)) AS day, country, region, events, users, rank
FROM agg_top_regions
