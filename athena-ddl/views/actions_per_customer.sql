-- What each customer did per day (from AggregateJob), for the customer table.
CREATE OR REPLACE VIEW actions_per_customer AS
SELECT date(concat(year, '-', month, '-', day)) AS day, user_id, user_name, user_segment, actions, searches, views,
       add_to_carts, purchases, revenue, first_event_time, last_event_time
FROM agg_actions_per_customer
