-- Product views that read most of the page (percent_viewed above 60): who to send an offer to.
CREATE OR REPLACE VIEW high_intent_views AS
SELECT event_time, user_id, user_name, user_segment, product_id, product_name, category, current_price,
       percent_viewed, channel_group, geo_country
FROM events
WHERE event_name = 'ViewContent'
  AND percent_viewed > 60
