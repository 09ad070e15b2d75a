package io.clickpulse.dev.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One simulated interaction in the pixel tracker's shape (the canonical shape the streaming job
 * accepts), plus the device, user agent and page URL a real tracker also sends.
 */
public record ClickEvent(
    String clickId,
    String pixelId,
    String userId,
    String deviceId,
    String eventName,
    Instant timestamp,
    Instant insertionTimestamp,
    String userIp,
    String userAgent,
    String pageUrl,
    String referrer,
    Long productId,
    BigDecimal price,
    int timeOnData,
    double percentViewed)
    implements SimulatedEvent {

  /** The pixel tracker's timestamp format: {@code 2021-07-12 12:01:58.732726}, UTC. */
  public static final DateTimeFormatter TRACKER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Producer producer() {
    return Producer.PIXEL;
  }

  /** The decoder takes the click id as the event id. */
  @Override
  public String eventId() {
    return clickId;
  }

  @Override
  public String partitionKey() {
    return userId;
  }

  @Override
  public ClickEvent withTimestamp(Instant newTimestamp) {
    return new ClickEvent(
        clickId,
        pixelId,
        userId,
        deviceId,
        eventName,
        newTimestamp,
        insertionTimestamp,
        userIp,
        userAgent,
        pageUrl,
        referrer,
        productId,
        price,
        timeOnData,
        percentViewed);
  }

  @Override
  public ClickEvent withProductId(long newProductId) {
    return new ClickEvent(
        clickId,
        pixelId,
        userId,
        deviceId,
        eventName,
        timestamp,
        insertionTimestamp,
        userIp,
        userAgent,
        pageUrl,
        referrer,
        newProductId,
        price,
        timeOnData,
        percentViewed);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("timestamp", TRACKER_TIME.format(timestamp));
    root.put("user_id", userId);
    root.put("pixel_id", pixelId);
    root.put("click_id", clickId);
    root.put("insertion_timestamp", TRACKER_TIME.format(insertionTimestamp));
    root.put("event_name", eventName);
    root.put("user_ip", userIp);
    root.put("device_id", deviceId);
    root.put("user_agent", userAgent);
    root.put("page_url", pageUrl);
    if (referrer != null) {
      root.put("referrer", referrer);
    }
    ObjectNode data = root.putObject("additional_data");
    data.put("time_on_data", timeOnData);
    data.put("percent_viewed", percentViewed);
    data.put("product_id", productId);
    data.put("price", price);
    return root;
  }

  @Override
  public ObjectNode withoutRequiredField() {
    ObjectNode json = toJson();
    json.remove("event_name");
    return json;
  }

  @Override
  public ObjectNode withWrongType() {
    ObjectNode json = toJson();
    ((ObjectNode) json.get("additional_data")).put("percent_viewed", "lots");
    return json;
  }
}
