package io.clickpulse.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Record bytes → canonical event, or the reason it is bad. Accepts the three shapes producers
 * send: the pixel tracker, the mobile/web app tracker and UI click events. Time checks are
 * relative to the record's arrival time, not the clock, so a replayed batch decodes the same.
 */
public final class EventDecoder implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern APP_EVENT = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");
  private static final Set<String> NEEDS_PRODUCT = Set.of("ViewContent", "AddToCart", "Purchase");

  private final int maxRecordBytes;
  private final Duration maxEventAge;
  private final Duration maxEventFuture;
  private final Set<String> pixelEventNames;
  private transient ObjectMapper json;

  /** The decoder with the streaming job's validation limits (streaming.* keys). */
  public static EventDecoder from(io.clickpulse.config.StreamingConfig s) {
    return new EventDecoder(s.maxRecordBytes(), s.maxEventAge(), s.maxEventFuture(), new java.util.HashSet<>(s.pixelEventNames()));
  }

  public EventDecoder(int maxRecordBytes, Duration maxEventAge, Duration maxEventFuture, Set<String> pixelEventNames) {
    this.maxRecordBytes = maxRecordBytes;
    this.maxEventAge = maxEventAge;
    this.maxEventFuture = maxEventFuture;
    this.pixelEventNames = Set.copyOf(pixelEventNames);
  }

  /** A field that is absent, or present with the wrong type. */
  private static final class FieldProblem extends Exception {
    final BadReason reason;

    FieldProblem(BadReason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  public DecodeResult decode(byte[] data, Instant arrival) {
    if (data.length > maxRecordBytes) {
      return DecodeResult.bad(BadReason.TOO_LARGE, data.length + " bytes, limit " + maxRecordBytes);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data)).toString();
    } catch (CharacterCodingException e) {
      return DecodeResult.bad(BadReason.NOT_UTF8, "payload is not valid UTF-8");
    }
    return parse(text, arrival).withText(text);
  }

  private DecodeResult parse(String text, Instant arrival) {
    JsonNode root;
    try {
      root = mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return DecodeResult.bad(BadReason.NOT_JSON, e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return DecodeResult.bad(BadReason.NOT_AN_OBJECT, "payload is JSON but not an object");
    }
    try {
      ClickEventRecord event;
      if (root.has("event_name") || root.has("pixel_id") || root.has("click_id") || root.has("additional_data")) {
        event = pixel(root);
      } else if (root.has("client_event") || root.has("client_timestamp")) {
        event = app(root);
      } else if (root.has("element_clicked")) {
        event = uiClick(root);
      } else {
        return DecodeResult.bad(BadReason.UNKNOWN_SHAPE,
            "neither a pixel tracker (event_name), app (client_event) nor UI click (element_clicked) event");
      }
      if (event.eventTime().isAfter(arrival.plus(maxEventFuture))) {
        return DecodeResult.bad(BadReason.TIME_IN_FUTURE, "event time " + event.eventTime() + " is more than "
            + maxEventFuture + " after arrival " + arrival);
      }
      if (event.eventTime().isBefore(arrival.minus(maxEventAge))) {
        return DecodeResult.bad(BadReason.TIME_TOO_OLD, "event time " + event.eventTime() + " is more than "
            + maxEventAge + " before arrival " + arrival);
      }
      return DecodeResult.ok(event);
    } catch (FieldProblem p) {
      return DecodeResult.bad(p.reason, p.getMessage());
    }
  }

  private ClickEventRecord pixel(JsonNode root) throws FieldProblem {
    String eventName = requiredString(root, "event_name");
    if (!pixelEventNames.contains(eventName)) {
      throw new FieldProblem(BadReason.UNKNOWN_EVENT, "event_name '" + eventName + "' is not one of " + pixelEventNames);
    }
    Instant time = requiredTime(root, "timestamp");
    String userId = requiredId(root, "user_id");
    JsonNode data = root.path("additional_data");
    if (!data.isMissingNode() && !data.isNull() && !data.isObject()) {
      throw new FieldProblem(BadReason.WRONG_TYPE, "additional_data must be an object");
    }
    Long productId = optionalLong(data, "additional_data.product_id", "product_id");
    if (productId == null && NEEDS_PRODUCT.contains(eventName)) {
      throw new FieldProblem(BadReason.MISSING_FIELD, "additional_data.product_id is required for " + eventName);
    }
    BigDecimal price = optionalDecimal(data, "additional_data.price", "price");
    if (price == null && eventName.equals("Purchase")) {
      throw new FieldProblem(BadReason.MISSING_FIELD, "additional_data.price is required for Purchase");
    }
    Double percent = optionalDouble(data, "additional_data.percent_viewed", "percent_viewed");
    if (percent != null && (percent < 0 || percent > 100)) {
      throw new FieldProblem(BadReason.WRONG_TYPE, "additional_data.percent_viewed must be within 0-100, got " + percent);
    }
    Long timeOnData = optionalLong(data, "additional_data.time_on_data", "time_on_data");
    String clickId = optionalString(root, "click_id");
    String deviceId = optionalString(root, "device_id");
    Instant insertion = root.hasNonNull("insertion_timestamp") ? requiredTime(root, "insertion_timestamp") : null;
    String eventId = clickId != null ? clickId : stableId("pixel", userId, deviceId, eventName, time, String.valueOf(productId));
    return new ClickEventRecord(eventId, "pixel", eventName, time, userId, deviceId, optionalString(root, "pixel_id"),
        clickId, insertion, optionalString(root, "user_ip"), optionalString(root, "user_agent"),
        optionalString(root, "page_url"), optionalString(root, "referrer"), productId, price, percent,
        timeOnData == null ? null : (int) Math.min(Integer.MAX_VALUE, timeOnData), null, null, null);
  }

  private ClickEventRecord app(JsonNode root) throws FieldProblem {
    String userId = requiredId(root, "user_id");
    String deviceId = requiredString(root, "device_id");
    String eventName = requiredString(root, "client_event");
    if (!APP_EVENT.matcher(eventName).matches()) {
      throw new FieldProblem(BadReason.UNKNOWN_EVENT, "client_event '" + eventName + "' is not a plain event name");
    }
    Instant time = requiredTime(root, "client_timestamp");
    return new ClickEventRecord(stableId("app", userId, deviceId, eventName, time, ""), "app", eventName, time, userId,
        deviceId, null, null, null, optionalString(root, "user_ip"), optionalString(root, "user_agent"),
        optionalString(root, "page_url"), optionalString(root, "referrer"), optionalLong(root, "product_id", "product_id"), null, null, null, null, null, null);
  }

  private ClickEventRecord uiClick(JsonNode root) throws FieldProblem {
    String element = requiredString(root, "element_clicked");
    Instant time = requiredTime(root, "created_at");
    Double timeSpent = optionalDouble(root, "time_spent", "time_spent");
    String restaurant = optionalString(root, "restaurant_name");
    String userId = root.hasNonNull("user_id") ? requiredId(root, "user_id") : null;
    return new ClickEventRecord(stableId("ui", userId, null, element, time, restaurant), "ui", "click", time, userId,
        optionalString(root, "device_id"), null, null, null, optionalString(root, "user_ip"),
        optionalString(root, "user_agent"), optionalString(root, "page_url"), optionalString(root, "referrer"), null, null, null, null,
        element, timeSpent, restaurant);
  }

  private static String requiredString(JsonNode root, String field) throws FieldProblem {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      throw new FieldProblem(BadReason.MISSING_FIELD, field + " is missing");
    }
    if (!n.isTextual()) {
      throw new FieldProblem(BadReason.WRONG_TYPE, field + " must be a string, got " + n.getNodeType().name().toLowerCase());
    }
    if (n.asText().isBlank()) {
      throw new FieldProblem(BadReason.MISSING_FIELD, field + " is empty");
    }
    return n.asText();
  }

  /** Ids arrive as strings ("35") or integers (35); both mean the same user. */
  private static String requiredId(JsonNode root, String field) throws FieldProblem {
    JsonNode n = root.get(field);
    if (n != null && n.isIntegralNumber()) {
      return n.asText();
    }
    return requiredString(root, field);
  }

  private static Instant requiredTime(JsonNode root, String field) throws FieldProblem {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      throw new FieldProblem(BadReason.MISSING_FIELD, field + " is missing");
    }
    if (n.isIntegralNumber()) {
      return EventTimes.fromEpochMillis(n.asLong());
    }
    if (!n.isTextual()) {
      throw new FieldProblem(BadReason.WRONG_TYPE, field + " must be a timestamp string or epoch millis");
    }
    Optional<Instant> t = EventTimes.parse(n.asText());
    if (t.isEmpty()) {
      throw new FieldProblem(BadReason.BAD_TIMESTAMP, field + " '" + n.asText() + "' is not a timestamp");
    }
    return t.get();
  }

  private static String optionalString(JsonNode root, String field) throws FieldProblem {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode() || n.isBoolean()) {
      throw new FieldProblem(BadReason.WRONG_TYPE, field + " must be a string");
    }
    return n.asText();
  }

  private static Long optionalLong(JsonNode root, String path, String field) throws FieldProblem {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    if (n.isTextual() && n.asText().length() <= 18 && EventTimes.allDigits(n.asText(), 0, n.asText().length())) {
      return Long.parseLong(n.asText());
    }
    throw new FieldProblem(BadReason.WRONG_TYPE, path + " must be an integer, got " + n);
  }

  /** The field's number node, null when absent or null; anything else than a number is WRONG_TYPE. */
  private static JsonNode optionalNumber(JsonNode root, String path, String field) throws FieldProblem {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber()) {
      throw new FieldProblem(BadReason.WRONG_TYPE, path + " must be a number, got " + n);
    }
    return n;
  }

  private static Double optionalDouble(JsonNode root, String path, String field) throws FieldProblem {
    JsonNode n = optionalNumber(root, path, field);
    return n == null ? null : n.asDouble();
  }

  private static BigDecimal optionalDecimal(JsonNode root, String path, String field) throws FieldProblem {
    JsonNode n = optionalNumber(root, path, field);
    if (n == null) {
      return null;
    }
    BigDecimal d = n.decimalValue().setScale(2, RoundingMode.HALF_UP);
    if (d.signum() < 0 || d.precision() > 12) {
      throw new FieldProblem(BadReason.WRONG_TYPE, path + " must be a price between 0 and 9999999999.99, got " + n);
    }
    return d;
  }

  static String stableId(String shape, String userId, String deviceId, String name, Instant time, String extra) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String key = shape + '\u0001' + userId + '\u0001' + deviceId + '\u0001' + name + '\u0001'
          + time.getEpochSecond() + '.' + time.getNano() + '\u0001' + extra;
      return "h-" + HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectMapper mapper() {
    if (json == null) {
      json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
    return json;
  }
}
