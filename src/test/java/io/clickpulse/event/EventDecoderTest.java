package io.clickpulse.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
  static final Instant ARRIVAL = Instant.parse("2021-07-12T12:02:00Z");
  static final EventDecoder DECODER =
      new EventDecoder(
          4096,
          Duration.ofDays(7),
          Duration.ofMinutes(10),
          Set.of(
              EventName.SEARCH, EventName.VIEW_CONTENT, EventName.ADD_TO_CART, EventName.PURCHASE));

  static DecodeResult decode(String json) {
    return DECODER.decode(json.getBytes(StandardCharsets.UTF_8), ARRIVAL);
  }

  static final String PIXEL =
      """
      {"timestamp": "2021-07-12 12:01:58.732726", "user_id": "35", "pixel_id": "wjgao4w1oi",
       "click_id": "a5cf179b9c9d483abf6d424d44a293be", "insertion_timestamp": "2021-07-12 12:01:58.732754",
       "event_name": "Purchase", "user_ip": "81.2.69.142",
       "additional_data": {"time_on_data": 79, "percent_viewed": 39.7, "product_id": 557246, "price": 417.97}}""";

  @Test
  void pixelTrackerEventFromTheSeed() {
    DecodeResult r = decode(PIXEL);
    assertThat(r.isOk()).isTrue();
    ClickEventRecord e = r.event();
    assertThat(e.eventId()).isEqualTo("a5cf179b9c9d483abf6d424d44a293be");
    assertThat(e.sourceShape()).isEqualTo("pixel");
    assertThat(e.eventName()).isEqualTo("Purchase");
    assertThat(e.eventTime()).isEqualTo(Instant.parse("2021-07-12T12:01:58.732726Z"));
    assertThat(e.insertionTime()).isEqualTo(Instant.parse("2021-07-12T12:01:58.732754Z"));
    assertThat(e.userId()).isEqualTo("35");
    assertThat(e.productId()).isEqualTo(557246L);
    assertThat(e.price()).isEqualTo(new BigDecimal("417.97"));
    assertThat(e.percentViewed()).isEqualTo(39.7);
    assertThat(e.timeOnData()).isEqualTo(79);
    assertThat(e.userIp()).isEqualTo("81.2.69.142");
  }

  @Test
  void appTrackerEventWithIntegerUserAndIsoTime() {
    DecodeResult r =
        decode(
            """
        {"user_id": 60, "device_id": "mobile", "client_event": "beer_checkout", "client_timestamp": "2021-07-12T12:01:30.123456"}""");
    assertThat(r.isOk()).isTrue();
    assertThat(r.event().sourceShape()).isEqualTo("app");
    assertThat(r.event().userId()).isEqualTo("60");
    assertThat(r.event().deviceId()).isEqualTo("mobile");
    assertThat(r.event().eventName()).isEqualTo("beer_checkout");
    assertThat(r.event().eventTime()).isEqualTo(Instant.parse("2021-07-12T12:01:30.123456Z"));
    assertThat(r.event().eventId()).startsWith("h-").hasSize(34);
    // same event, same id (so a producer retry dedups); another time, another id
    assertThat(
            decode(
                    """
        {"client_timestamp": "2021-07-12T12:01:30.123456Z", "client_event": "beer_checkout", "device_id": "mobile", "user_id": "60"}""")
                .event()
                .eventId())
        .isEqualTo(r.event().eventId());
    assertThat(
            decode(
                    """
        {"user_id": 60, "device_id": "mobile", "client_event": "beer_checkout", "client_timestamp": "2021-07-12T12:01:31Z"}""")
                .event()
                .eventId())
        .isNotEqualTo(r.event().eventId());
  }

  @Test
  void uiClickEventWithEpochMillis() {
    DecodeResult r =
        decode(
            """
        {"element_clicked": "menu_button", "time_spent": 12.5, "restaurant_name": "Bella", "created_at": 1626091300000}""");
    assertThat(r.isOk()).isTrue();
    assertThat(r.event().sourceShape()).isEqualTo("ui");
    assertThat(r.event().eventName()).isEqualTo("click");
    assertThat(r.event().elementClicked()).isEqualTo("menu_button");
    assertThat(r.event().timeSpent()).isEqualTo(12.5);
    assertThat(r.event().restaurantName()).isEqualTo("Bella");
    assertThat(r.event().eventTime()).isEqualTo(Instant.ofEpochMilli(1626091300000L));
    assertThat(r.event().userId()).isNull();
  }

  @Test
  void timestampFormats() {
    assertThat(EventTimes.parse("2021-07-12 12:01:58.732726"))
        .contains(Instant.parse("2021-07-12T12:01:58.732726Z"));
    assertThat(EventTimes.parse("2021-07-12T12:01:58Z"))
        .contains(Instant.parse("2021-07-12T12:01:58Z"));
    assertThat(EventTimes.parse("2021-07-12T14:01:58+02:00"))
        .contains(Instant.parse("2021-07-12T12:01:58Z"));
    assertThat(EventTimes.parse("2021-07-12T12:01:58.5"))
        .contains(Instant.parse("2021-07-12T12:01:58.500Z"));
    assertThat(EventTimes.parse("1626091318732")).contains(Instant.ofEpochMilli(1626091318732L));
    assertThat(EventTimes.parse("yesterday")).isEmpty();
    assertThat(EventTimes.parse("2021-13-45 99:00:00")).isEmpty();
  }

  private static void assertBad(DecodeResult r, BadReason reason, String detailPart) {
    assertThat(r.isOk()).isFalse();
    assertThat(r.reason()).isEqualTo(reason);
    assertThat(r.detail()).contains(detailPart);
  }

  @Test
  void badInputGetsAReason() {
    assertBad(
        DECODER.decode(new byte[] {'{', (byte) 0xC3, 0x28, '}'}, ARRIVAL),
        BadReason.NOT_UTF8,
        "UTF-8");
    assertBad(
        decode("{\"timestamp\": \"2021-07-12 12:01:58\", \"user_id\""), BadReason.NOT_JSON, "");
    assertBad(decode(PIXEL + " trailing"), BadReason.NOT_JSON, "");
    assertBad(decode("[1, 2, 3]"), BadReason.NOT_AN_OBJECT, "not an object");
    assertBad(decode("\"just a string\""), BadReason.NOT_AN_OBJECT, "not an object");
    assertBad(decode(""), BadReason.NOT_AN_OBJECT, "not an object");
    assertBad(decode("{\"hello\": \"world\"}"), BadReason.UNKNOWN_SHAPE, "neither");
    assertBad(
        decode(PIXEL.replace("\"event_name\": \"Purchase\",", "")),
        BadReason.MISSING_FIELD,
        "event_name is missing");
    assertBad(
        decode(PIXEL.replace("\"user_id\": \"35\",", "")),
        BadReason.MISSING_FIELD,
        "user_id is missing");
    assertBad(
        decode(PIXEL.replace("\"user_id\": \"35\"", "\"user_id\": {\"id\": 35}")),
        BadReason.WRONG_TYPE,
        "user_id must be a string");
    assertBad(
        decode(PIXEL.replace("\"price\": 417.97", "\"price\": \"cheap\"")),
        BadReason.WRONG_TYPE,
        "additional_data.price must be a number");
    assertBad(
        decode(PIXEL.replace("\"percent_viewed\": 39.7", "\"percent_viewed\": \"lots\"")),
        BadReason.WRONG_TYPE,
        "percent_viewed");
    assertBad(
        decode(PIXEL.replace("\"percent_viewed\": 39.7", "\"percent_viewed\": 139.7")),
        BadReason.WRONG_TYPE,
        "0-100");
    assertBad(
        decode(PIXEL.replace("\"product_id\": 557246", "\"product_id\": 55.7")),
        BadReason.WRONG_TYPE,
        "product_id must be an integer");
    assertBad(
        decode(PIXEL.replace("\"product_id\": 557246,", "")),
        BadReason.MISSING_FIELD,
        "product_id is required for Purchase");
    assertBad(
        decode(PIXEL.replace("\"price\": 417.97", "\"price\": null")),
        BadReason.MISSING_FIELD,
        "price is required");
    assertBad(
        decode(PIXEL.replace("\"additional_data\": {", "\"additional_data\": 5, \"x\": {")),
        BadReason.WRONG_TYPE,
        "additional_data must be an object");
    assertBad(decode(PIXEL.replace("Purchase", "Teleport")), BadReason.UNKNOWN_EVENT, "'Teleport'");
    assertBad(
        decode(
            PIXEL.replace(
                "\"timestamp\": \"2021-07-12 12:01:58.732726\"", "\"timestamp\": \"noon\"")),
        BadReason.BAD_TIMESTAMP,
        "'noon'");
    assertBad(
        decode(
            PIXEL.replace("\"timestamp\": \"2021-07-12 12:01:58.732726\"", "\"timestamp\": true")),
        BadReason.WRONG_TYPE,
        "timestamp");
    assertBad(
        decode(PIXEL.replace("2021-07-12 12:01:58.732726", "2021-07-12 13:01:58")),
        BadReason.TIME_IN_FUTURE,
        "after arrival");
    assertBad(
        decode(PIXEL.replace("2021-07-12 12:01:58.732726", "2021-06-01 12:00:00")),
        BadReason.TIME_TOO_OLD,
        "before arrival");
    assertBad(
        decode(
            "{\"user_id\": 1, \"device_id\": \"tablet\", \"client_event\": \"drop table;\", \"client_timestamp\": \"2021-07-12T12:00:00Z\"}"),
        BadReason.UNKNOWN_EVENT,
        "not a plain event name");
    // an app event without device_id is an event of device "unknown" (EventDecoderHostileInputTest)
    assertBad(
        decode("{\"element_clicked\": \"x\"}"), BadReason.MISSING_FIELD, "created_at is missing");
    String huge = PIXEL.replace("\"wjgao4w1oi\"", "\"" + "x".repeat(5000) + "\"");
    assertBad(decode(huge), BadReason.TOO_LARGE, "limit 4096");
  }

  @Test
  void lateButWithinMaxAgeIsAnEvent() {
    // two hours late is late, not bad: it is counted in its own (old) window downstream
    DecodeResult r = decode(PIXEL.replace("2021-07-12 12:01:58.732726", "2021-07-12 10:01:58"));
    assertThat(r.isOk()).isTrue();
  }

  @Test
  void searchNeedsNoProduct() {
    DecodeResult r =
        decode(
            """
        {"timestamp": "2021-07-12 12:01:58", "user_id": "7", "event_name": "Search", "click_id": "c1"}""");
    assertThat(r.isOk()).isTrue();
    assertThat(r.event().productId()).isNull();
  }
}
