-- Events and users per day, country and event name (from AggregateJob), for the filled map and
-- the share of events by type.
CREATE OR REPLACE VIEW events_by_country AS
SELECT date(concat(year, '-', month, '-', day)) AS day, country, event_name, events, users
FROM agg_events_by_country
