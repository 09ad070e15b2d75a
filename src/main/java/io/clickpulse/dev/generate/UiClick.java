package io.clickpulse.dev.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickpulse.event.EventDecoder;
import io.clickpulse.event.EventName;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One click on the restaurant ordering page, as its front end posts it: the element clicked, the
 * seconds spent before the click, the restaurant and the click time in epoch milliseconds; the
 * signed-in diner's user id (null for a guest) and the browser's address, agent, page and referrer.
 * A guest's clicks are keyed on Kinesis by {@code visitorId}, which is not sent.
 */
public record UiClick(
    String elementClicked,
    double timeSpent,
    String restaurantName,
    Instant createdAt,
    String userId,
    String visitorId,
    String userIp,
    String userAgent,
    String pageUrl,
    String referrer)
    implements SimulatedEvent {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Producer producer() {
    return Producer.UI;
  }

  @Override
  public String eventId() {
    return EventDecoder.stableId(
        ProducerMix.shape(Producer.UI), userId, null, elementClicked, createdAt, restaurantName);
  }

  @Override
  public String eventName() {
    return EventName.CLICK;
  }

  @Override
  public Instant timestamp() {
    return createdAt;
  }

  @Override
  public Long productId() {
    return null;
  }

  @Override
  public BigDecimal price() {
    return null;
  }

  @Override
  public String partitionKey() {
    return userId != null ? userId : visitorId;
  }

  @Override
  public UiClick withTimestamp(Instant newTimestamp) {
    return new UiClick(
        elementClicked,
        timeSpent,
        restaurantName,
        newTimestamp,
        userId,
        visitorId,
        userIp,
        userAgent,
        pageUrl,
        referrer);
  }

  /** A click names no product. */
  @Override
  public UiClick withProductId(long newProductId) {
    throw new UnsupportedOperationException("a UI click names no product");
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("element_clicked", elementClicked);
    root.put("time_spent", timeSpent);
    root.put("restaurant_name", restaurantName);
    root.put("created_at", createdAt.toEpochMilli());
    if (userId != null) {
      root.put("user_id", userId);
    }
    root.put("user_ip", userIp);
    root.put("user_agent", userAgent);
    root.put("page_url", pageUrl);
    if (referrer != null) {
      root.put("referrer", referrer);
    }
    return root;
  }

  @Override
  public ObjectNode withoutRequiredField() {
    ObjectNode json = toJson();
    json.remove("created_at");
    return json;
  }

  @Override
  public ObjectNode withWrongType() {
    ObjectNode json = toJson();
    json.put("time_spent", "lots");
    return json;
  }
}
