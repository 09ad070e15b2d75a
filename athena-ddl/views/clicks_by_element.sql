-- UI clicks (the restaurant ordering page's click producer) per day, element clicked and
-- restaurant, with the users who clicked and the time they spent: for the pie chart of clicks by
-- element.
CREATE OR REPLACE VIEW clicks_by_element AS
SELECT date(event_time) AS day, element_clicked, restaurant_name,
       count(*) AS clicks,
       count(DISTINCT user_id) AS users,
       sum(time_spent) AS time_spent_sec
FROM events
WHERE element_clicked IS NOT NULL
GROUP BY date(event_time), element_clicked, restaurant_name
