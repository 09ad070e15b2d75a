package io.clickpulse.dev.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickpulse.event.EventDecoder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One event of the beer shop's mobile app tracker: user, device, app event name, the device's clock
 * (ISO-8601 with microseconds) and, for product screens, the catalog product; the app's web view
 * also reports the client address and its user agent. This is the sessionization source.
 */
public record AppEvent(
    String userId,
    String deviceId,
    String clientEvent,
    Instant clientTimestamp,
    Long productId,
    String userIp,
    String userAgent)
    implements SimulatedEvent {

  /** The app's timestamp format: {@code 2026-12-01T12:01:58.732726Z}. */
  static final DateTimeFormatter CLIENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Producer producer() {
    return Producer.APP;
  }

  @Override
  public String eventId() {
    return EventDecoder.stableId(
        ProducerMix.shape(Producer.APP), userId, deviceId, clientEvent, clientTimestamp, "");
  }

  @Override
  public String eventName() {
    return clientEvent;
  }

  @Override
  public Instant timestamp() {
    return clientTimestamp;
  }

  /** The app tracker sends no price. */
  @Override
  public BigDecimal price() {
    return null;
  }

  @Override
  public String partitionKey() {
    return userId;
  }

  @Override
  public AppEvent withTimestamp(Instant newTimestamp) {
    return new AppEvent(userId, deviceId, clientEvent, newTimestamp, productId, userIp, userAgent);
  }

  @Override
  public AppEvent withProductId(long newProductId) {
    return new AppEvent(
        userId, deviceId, clientEvent, clientTimestamp, newProductId, userIp, userAgent);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    // the app sends its numeric user ids as JSON numbers
    root.put("user_id", Long.parseLong(userId));
    root.put("device_id", deviceId);
    root.put("client_event", clientEvent);
    root.put("client_timestamp", CLIENT_TIME.format(clientTimestamp));
    if (productId != null) {
      root.put("product_id", productId);
    }
    root.put("user_ip", userIp);
    root.put("user_agent", userAgent);
    return root;
  }

  @Override
  public ObjectNode withoutRequiredField() {
    ObjectNode json = toJson();
    json.remove("client_event");
    return json;
  }

  /** A device clock sent as a boolean: neither a timestamp string nor epoch milliseconds. */
  @Override
  public ObjectNode withWrongType() {
    ObjectNode json = toJson();
    json.put("client_timestamp", true);
    return json;
  }
}
