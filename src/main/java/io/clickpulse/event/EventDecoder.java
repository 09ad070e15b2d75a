package io.clickpulse.event;

import static io.clickpulse.event.DecodeLimits.MAX_ID_BYTES;
import static io.clickpulse.event.DecodeLimits.MAX_IP_BYTES;
import static io.clickpulse.event.DecodeLimits.MAX_NAME_BYTES;
import static io.clickpulse.event.DecodeLimits.MAX_URL_BYTES;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import io.clickpulse.config.StreamingConfig;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Record bytes → canonical event, or the reason it is bad. Accepts the three shapes producers send:
 * the pixel tracker, the mobile/web app tracker and UI click events. Time checks are relative to
 * the record's arrival time, not the clock, so a replayed batch decodes the same.
 */
public final class EventDecoder implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern APP_EVENT = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");
  private static final Set<String> NEEDS_PRODUCT =
      Set.of(EventName.VIEW_CONTENT, EventName.ADD_TO_CART, EventName.PURCHASE);

  /** source_shape values, also the first part of a stable event id's key. */
  static final String PIXEL = "pixel";

  static final String APP = "app";
  static final String UI = "ui";

  /**
   * A JSON string that numeric fields read as a number: plain decimal, no exponent, sign or blanks.
   */
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private static final char BOM = '\uFEFF';

  private final int maxRecordBytes;
  private final Duration maxEventAge;
  private final Duration maxEventFuture;
  private final Set<String> pixelEventNames;
  private transient ObjectMapper json;

  /** The decoder with the streaming job's validation limits (streaming.* keys). */
  public static EventDecoder from(StreamingConfig s) {
    return new EventDecoder(
        s.maxRecordBytes(),
        s.maxEventAge(),
        s.maxEventFuture(),
        new HashSet<>(s.pixelEventNames()));
  }

  public EventDecoder(
      int maxRecordBytes,
      Duration maxEventAge,
      Duration maxEventFuture,
      Set<String> pixelEventNames) {
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
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data))
              .toString();
    } catch (CharacterCodingException e) {
      return DecodeResult.bad(BadReason.NOT_UTF8, "payload is not valid UTF-8");
    }
    // one leading byte order mark is an encoding artefact of some producers, not content
    String json = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    try {
      return parse(json, arrival).withText(text);
    } catch (RuntimeException | StackOverflowError e) {
      return DecodeResult.bad(
              BadReason.DECODER_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage())
          .withText(text);
    }
  }

  private DecodeResult parse(String text, Instant arrival) {
    JsonNode root;
    try {
      root = readTree(text);
    } catch (StreamConstraintsException e) {
      return DecodeResult.bad(BadReason.TOO_COMPLEX, e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      return DecodeResult.bad(BadReason.NOT_JSON, e.getOriginalMessage());
    } catch (IOException e) {
      return DecodeResult.bad(BadReason.NOT_JSON, e.getMessage()); // not thrown by a String source
    }
    if (root == null || !root.isObject()) {
      return DecodeResult.bad(BadReason.NOT_AN_OBJECT, "payload is JSON but not an object");
    }
    try {
      ClickEventRecord event;
      if (root.has("event_name")
          || root.has("pixel_id")
          || root.has("click_id")
          || root.has("additional_data")) {
        event = pixel(root);
      } else if (root.has("client_event") || root.has("client_timestamp")) {
        event = app(root);
      } else if (root.has("element_clicked")) {
        event = uiClick(root);
      } else {
        return DecodeResult.bad(
            BadReason.UNKNOWN_SHAPE,
            "neither a pixel tracker (event_name), app (client_event) nor UI click (element_clicked) event");
      }
      if (event.eventTime().isAfter(arrival.plus(maxEventFuture))) {
        return DecodeResult.bad(
            BadReason.TIME_IN_FUTURE,
            "event time "
                + event.eventTime()
                + " is more than "
                + maxEventFuture
                + " after arrival "
                + arrival);
      }
      if (event.eventTime().isBefore(arrival.minus(maxEventAge))) {
        return DecodeResult.bad(
            BadReason.TIME_TOO_OLD,
            "event time "
                + event.eventTime()
                + " is more than "
                + maxEventAge
                + " before arrival "
                + arrival);
      }
      return DecodeResult.ok(event);
    } catch (FieldProblem p) {
      return DecodeResult.bad(p.reason, p.getMessage());
    }
  }

  private ClickEventRecord pixel(JsonNode root) throws FieldProblem {
    String eventName = requiredString(root, "event_name", MAX_NAME_BYTES);
    if (!pixelEventNames.contains(eventName)) {
      throw new FieldProblem(
          BadReason.UNKNOWN_EVENT,
          "event_name '" + eventName + "' is not one of " + pixelEventNames);
    }
    Instant time = requiredTime(root, "timestamp");
    String userId = requiredId(root, "user_id");
    JsonNode data = root.path("additional_data");
    if (!data.isMissingNode() && !data.isNull() && !data.isObject()) {
      throw new FieldProblem(BadReason.WRONG_TYPE, "additional_data must be an object");
    }
    Long productId = optionalLong(data, "additional_data.product_id", "product_id");
    if (productId == null && NEEDS_PRODUCT.contains(eventName)) {
      throw new FieldProblem(
          BadReason.MISSING_FIELD, "additional_data.product_id is required for " + eventName);
    }
    BigDecimal price = optionalDecimal(data, "additional_data.price", "price");
    if (price == null && eventName.equals(EventName.PURCHASE)) {
      throw new FieldProblem(
          BadReason.MISSING_FIELD, "additional_data.price is required for " + EventName.PURCHASE);
    }
    Double percent = optionalDouble(data, "additional_data.percent_viewed", "percent_viewed");
    if (percent != null && (percent < 0 || percent > 100)) {
      throw new FieldProblem(
          BadReason.WRONG_TYPE,
          "additional_data.percent_viewed must be within 0-100, got " + percent);
    }
    Long timeOnData = optionalLong(data, "additional_data.time_on_data", "time_on_data");
    if (timeOnData != null && timeOnData < 0) {
      throw new FieldProblem(
          BadReason.WRONG_TYPE,
          "additional_data.time_on_data must be at least 0, got " + timeOnData);
    }
    String clickId = optionalString(root, "click_id", MAX_ID_BYTES);
    String deviceId = optionalId(root, "device_id");
    Instant insertion =
        root.hasNonNull("insertion_timestamp") ? requiredTime(root, "insertion_timestamp") : null;
    String eventId =
        clickId != null
            ? clickId
            : stableId(PIXEL, userId, deviceId, eventName, time, String.valueOf(productId));
    ClickEventRecord.Builder b =
        ClickEventRecord.builder()
            .eventId(eventId)
            .sourceShape(PIXEL)
            .eventName(eventName)
            .eventTime(time)
            .userId(userId)
            .deviceId(deviceId)
            .pixelId(optionalString(root, "pixel_id", MAX_ID_BYTES))
            .clickId(clickId)
            .insertionTime(insertion);
    return web(root, b)
        .productId(productId)
        .price(price)
        .percentViewed(percent)
        .timeOnData(timeOnData == null ? null : (int) Math.min(Integer.MAX_VALUE, timeOnData))
        .build();
  }

  private ClickEventRecord app(JsonNode root) throws FieldProblem {
    String userId = requiredId(root, "user_id");
    // README "Sessions": events without a device share the device "unknown"
    String deviceId =
        root.hasNonNull("device_id")
            ? checkedText(
                "device_id", requiredString(root, "device_id", MAX_ID_BYTES), MAX_ID_BYTES, true)
            : DecodedSchema.UNKNOWN_DEVICE;
    String eventName = requiredString(root, "client_event", MAX_NAME_BYTES);
    if (!APP_EVENT.matcher(eventName).matches()) {
      throw new FieldProblem(
          BadReason.UNKNOWN_EVENT, "client_event '" + eventName + "' is not a plain event name");
    }
    Instant time = requiredTime(root, "client_timestamp");
    ClickEventRecord.Builder b =
        ClickEventRecord.builder()
            .eventId(stableId(APP, userId, deviceId, eventName, time, ""))
            .sourceShape(APP)
            .eventName(eventName)
            .eventTime(time)
            .userId(userId)
            .deviceId(deviceId);
    return web(root, b).productId(optionalLong(root, "product_id", "product_id")).build();
  }

  private ClickEventRecord uiClick(JsonNode root) throws FieldProblem {
    String element = requiredString(root, "element_clicked", MAX_NAME_BYTES);
    Instant time = requiredTime(root, "created_at");
    Double timeSpent = optionalDouble(root, "time_spent", "time_spent");
    if (timeSpent != null && timeSpent < 0) {
      throw new FieldProblem(
          BadReason.WRONG_TYPE, "time_spent must be at least 0, got " + timeSpent);
    }
    String restaurant = optionalString(root, "restaurant_name", MAX_NAME_BYTES);
    String userId = root.hasNonNull("user_id") ? requiredId(root, "user_id") : null;
    ClickEventRecord.Builder b =
        ClickEventRecord.builder()
            .eventId(stableId(UI, userId, null, element, time, restaurant))
            .sourceShape(UI)
            .eventName(EventName.CLICK)
            .eventTime(time)
            .userId(userId)
            .deviceId(optionalId(root, "device_id"));
    return web(root, b)
        .elementClicked(element)
        .timeSpent(timeSpent)
        .restaurantName(restaurant)
        .build();
  }

  /**
   * The fields every shape may carry (user_ip, user_agent, page_url, referrer), read in this order:
   * when several are bad, the first one read names the reason.
   */
  private static ClickEventRecord.Builder web(JsonNode root, ClickEventRecord.Builder b)
      throws FieldProblem {
    return b.userIp(optionalString(root, "user_ip", MAX_IP_BYTES))
        .userAgent(optionalString(root, "user_agent", MAX_URL_BYTES))
        .pageUrl(optionalString(root, "page_url", MAX_URL_BYTES))
        .referrer(optionalString(root, "referrer", MAX_URL_BYTES));
  }

  private static String requiredString(JsonNode root, String field, int maxBytes)
      throws FieldProblem {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      throw new FieldProblem(BadReason.MISSING_FIELD, field + " is missing");
    }
    if (!n.isTextual()) {
      throw new FieldProblem(
          BadReason.WRONG_TYPE,
          field + " must be a string, got " + n.getNodeType().name().toLowerCase());
    }
    if (n.asText().isBlank()) {
      throw new FieldProblem(BadReason.MISSING_FIELD, field + " is empty");
    }
    return checkedText(field, n.asText(), maxBytes, false);
  }

  /** Ids arrive as strings ("35") or integers (35); both mean the same user. */
  private static String requiredId(JsonNode root, String field) throws FieldProblem {
    JsonNode n = root.get(field);
    String id =
        n != null && n.isIntegralNumber()
            ? n.asText()
            : requiredString(root, field, Integer.MAX_VALUE);
    return checkedText(field, id, MAX_ID_BYTES, true);
  }

  /** An optional device id: any scalar, as before, but bounded and checked like a key. */
  private static String optionalId(JsonNode root, String field) throws FieldProblem {
    String id = optionalString(root, field, MAX_ID_BYTES);
    return id == null ? null : checkedText(field, id, MAX_ID_BYTES, true);
  }

  private static Instant requiredTime(JsonNode root, String field) throws FieldProblem {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      throw new FieldProblem(BadReason.MISSING_FIELD, field + " is missing");
    }
    Instant t;
    if (n.isIntegralNumber()) {
      // a BigInteger's asLong() wraps (2^64 + 1 would become 1970-01-01T00:00:00.001Z)
      if (!n.canConvertToLong()) {
        throw new FieldProblem(
            BadReason.BAD_TIMESTAMP,
            field + " " + quote(n.asText()) + " is beyond epoch milliseconds' range");
      }
      t = EventTimes.fromEpochMillis(n.asLong());
    } else if (!n.isTextual()) {
      throw new FieldProblem(
          BadReason.WRONG_TYPE, field + " must be a timestamp string or epoch millis");
    } else {
      Optional<Instant> parsed = EventTimes.parse(n.asText());
      if (parsed.isEmpty()) {
        throw new FieldProblem(
            BadReason.BAD_TIMESTAMP, field + " '" + quote(n.asText()) + "' is not a timestamp");
      }
      t = parsed.get();
    }
    if (t.isBefore(DecodeLimits.MIN_TIME) || t.isAfter(DecodeLimits.MAX_TIME)) {
      throw new FieldProblem(
          BadReason.BAD_TIMESTAMP,
          field
              + " "
              + t
              + " is outside "
              + DecodeLimits.MIN_TIME
              + " .. "
              + DecodeLimits.MAX_TIME);
    }
    return t;
  }

  private static String optionalString(JsonNode root, String field, int maxBytes)
      throws FieldProblem {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isValueNode() || n.isBoolean()) {
      throw new FieldProblem(BadReason.WRONG_TYPE, field + " must be a string");
    }
    return checkedText(field, n.asText(), maxBytes, false);
  }

  /**
   * The text when it is at most {@code maxBytes} in UTF-8 and holds no lone surrogate (Jackson
   * decodes a {@code \ud800} escape into one; written out it becomes '?', merging different
   * values). Keys (user and device) must hold no control character either: an id with a NUL or a
   * newline files sessions under a different user than the one the producer means.
   */
  private static String checkedText(String field, String s, int maxBytes, boolean key)
      throws FieldProblem {
    if (s.length() > maxBytes) { // every char is at least one byte
      throw new FieldProblem(
          BadReason.FIELD_TOO_LONG,
          field + " is " + s.length() + " characters, limit " + maxBytes + " bytes");
    }
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new FieldProblem(
            BadReason.BAD_CHARACTERS,
            String.format(
                "%s holds a lone UTF-16 surrogate U+%04X at character %d", field, (int) c, i));
      } else if (key && (c < 0x20 || c == 0x7F)) {
        throw new FieldProblem(
            BadReason.BAD_CHARACTERS,
            String.format(
                "%s holds the control character U+%04X at character %d", field, (int) c, i));
      } else {
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
    }
    if (bytes > maxBytes) {
      throw new FieldProblem(
          BadReason.FIELD_TOO_LONG,
          field + " is " + bytes + " bytes in UTF-8, limit " + maxBytes + " bytes");
    }
    return s;
  }

  private static Long optionalLong(JsonNode root, String path, String field) throws FieldProblem {
    JsonNode n = numberOrPlainString(root, field);
    if (n == null) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    throw new FieldProblem(
        BadReason.WRONG_TYPE,
        path + " must be an integer, got " + quote(root.get(field).toString()));
  }

  /**
   * The field's number node, null when absent or null. Numbers as strings, one rule for every
   * numeric field: a string holding a plain decimal ({@code "12"}, {@code "-0.5"}; no exponent,
   * sign '+', blank, NaN or Infinity) within {@link DecodeLimits#MAX_NUMBER_CHARS} is that number;
   * any other string is not. Anything else than a number is returned as is, for the caller to
   * refuse.
   */
  private static JsonNode numberOrPlainString(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      String s = n.asText();
      if (s.length() <= DecodeLimits.MAX_NUMBER_CHARS && PLAIN_DECIMAL.matcher(s).matches()) {
        // as Jackson reads the same text unquoted: integer fields take "12" but not "12.5"
        return s.indexOf('.') < 0
            ? BigIntegerNode.valueOf(new BigInteger(s))
            : DecimalNode.valueOf(new BigDecimal(s));
      }
    }
    return n;
  }

  /** The field's number (see {@link #numberOrPlainString}), null when absent; else WRONG_TYPE. */
  private static JsonNode optionalNumber(JsonNode root, String path, String field)
      throws FieldProblem {
    JsonNode n = numberOrPlainString(root, field);
    if (n == null) {
      return null;
    }
    if (!n.isNumber()) {
      throw new FieldProblem(
          BadReason.WRONG_TYPE, path + " must be a number, got " + quote(n.toString()));
    }
    // 1e309 is within the exponent bound but overflows a double: Jackson yields Infinity
    if (n.isFloatingPointNumber() && !n.isBigDecimal() && !Double.isFinite(n.doubleValue())) {
      throw new FieldProblem(
          BadReason.WRONG_TYPE, path + " must be a finite number, got " + n.asText());
    }
    return n;
  }

  private static Double optionalDouble(JsonNode root, String path, String field)
      throws FieldProblem {
    JsonNode n = optionalNumber(root, path, field);
    if (n == null) {
      return null;
    }
    double d = n.asDouble();
    if (!Double.isFinite(d)) { // a BigDecimal or BigInteger beyond a double's range
      throw new FieldProblem(
          BadReason.WRONG_TYPE, path + " must be a finite number, got " + quote(n.toString()));
    }
    return d;
  }

  private static BigDecimal optionalDecimal(JsonNode root, String path, String field)
      throws FieldProblem {
    JsonNode n = optionalNumber(root, path, field);
    if (n == null) {
      return null;
    }
    // cheap: the exponent is bounded (DecodeLimits.MAX_EXPONENT) before Jackson converts anything
    BigDecimal d = n.decimalValue().setScale(2, RoundingMode.HALF_UP);
    if (d.signum() < 0 || d.precision() > 12) {
      throw new FieldProblem(
          BadReason.WRONG_TYPE,
          path + " must be a price between 0 and 9999999999.99, got " + quote(n.toString()));
    }
    return d;
  }

  /** A value for a reason_detail: at most {@link DecodeLimits#MAX_QUOTED_CHARS} of it. */
  private static String quote(String s) {
    return s.length() <= DecodeLimits.MAX_QUOTED_CHARS
        ? s
        : s.substring(0, DecodeLimits.MAX_QUOTED_CHARS) + "…(" + s.length() + " characters)";
  }

  /**
   * The event id of an event that carries no click id (app and UI click shapes, pixel events
   * without click_id): a hash of its shape, user, device, name, time and one shape-specific value.
   * Public so producers that must find their events again (the demo's generator) compute the same.
   */
  public static String stableId(
      String shape, String userId, String deviceId, String name, Instant time, String extra) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String key =
          shape
              + '\u0001'
              + userId
              + '\u0001'
              + deviceId
              + '\u0001'
              + name
              + '\u0001'
              + time.getEpochSecond()
              + '.'
              + time.getNano()
              + '\u0001'
              + extra;
      return "h-"
          + HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The JSON value of the text, null when there is none (empty or blank); bounds first, then the
   * tree.
   */
  private JsonNode readTree(String text) throws IOException {
    try (JsonParser p = new BoundedNumbers(mapper().getFactory().createParser(text))) {
      if (p.nextToken() == null) {
        return null;
      }
      JsonNode root = mapper().readValue(p, JsonNode.class);
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "trailing content after the JSON value");
      }
      return root;
    }
  }

  /**
   * Refuses a number longer than {@link DecodeLimits#MAX_NUMBER_CHARS} or whose exponent, as
   * written, is beyond {@link DecodeLimits#MAX_EXPONENT}, when its token is read and before
   * anything converts it: Jackson converts numbers lazily, and its own constraints bound neither
   * the exponent nor (in 2.15) the digits after the point.
   */
  private static final class BoundedNumbers extends JsonParserDelegate {
    BoundedNumbers(JsonParser p) {
      super(p);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken t = delegate.nextToken();
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        if (delegate.getTextLength() > DecodeLimits.MAX_NUMBER_CHARS) {
          throw new StreamConstraintsException(
              "number in '"
                  + delegate.currentName()
                  + "' is "
                  + delegate.getTextLength()
                  + " characters, limit "
                  + DecodeLimits.MAX_NUMBER_CHARS,
              delegate.currentLocation());
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
          checkExponent();
        }
      }
      return t;
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken t = nextToken();
      return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    private void checkExponent() throws IOException {
      char[] c = delegate.getTextCharacters();
      int from = delegate.getTextOffset();
      int to = from + delegate.getTextLength();
      int e = from;
      while (e < to && c[e] != 'e' && c[e] != 'E') {
        e++;
      }
      if (e == to) {
        return;
      }
      int i = e + 1;
      if (i < to && (c[i] == '-' || c[i] == '+')) {
        i++;
      }
      while (i < to - 1 && c[i] == '0') { // 1e0005 is 1e5
        i++;
      }
      int exponent = 0;
      for (; i < to; i++) {
        exponent = exponent * 10 + (c[i] - '0');
        if (exponent > DecodeLimits.MAX_EXPONENT) {
          throw new StreamConstraintsException(
              "number "
                  + quote(new String(c, from, to - from))
                  + " in '"
                  + delegate.currentName()
                  + "' has an exponent beyond ±"
                  + DecodeLimits.MAX_EXPONENT,
              delegate.currentLocation());
        }
      }
    }
  }

  private ObjectMapper mapper() {
    if (json == null) {
      // Jackson's own bounds, checked while it tokenizes: a number's length and the nesting depth
      JsonFactory factory =
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNumberLength(DecodeLimits.MAX_NUMBER_CHARS)
                      .maxNestingDepth(DecodeLimits.MAX_DEPTH)
                      .build())
              .build();
      json = new ObjectMapper(factory).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
    return json;
  }
}
