package io.clickpulse.event;

import static io.clickpulse.event.EventDecoderTest.ARRIVAL;
import static io.clickpulse.event.EventDecoderTest.DECODER;
import static io.clickpulse.event.EventDecoderTest.PIXEL;
import static io.clickpulse.event.EventDecoderTest.decode;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Issue #17: hostile input gets a bad record with its reason; no record throws or costs much. */
class EventDecoderHostileInputTest {
  /** A decoder with the production record limit (256 KB), so that bounds below it are reached. */
  static final EventDecoder WIDE =
      new EventDecoder(
          262_144,
          Duration.ofDays(7),
          Duration.ofMinutes(10),
          Set.of(
              EventName.SEARCH, EventName.VIEW_CONTENT, EventName.ADD_TO_CART, EventName.PURCHASE));

  static final String APP =
      """
      {"user_id": "60", "device_id": "mobile", "client_event": "nav", "client_timestamp": "2021-07-12T12:01:30Z"}""";
  static final String UI =
      """
      {"element_clicked": "menu_button", "time_spent": 12.5, "restaurant_name": "Bella", "created_at": 1626091300000}""";

  private static DecodeResult wide(String json) {
    return WIDE.decode(json.getBytes(StandardCharsets.UTF_8), ARRIVAL);
  }

  private static void assertBad(DecodeResult r, BadReason reason, String detailPart) {
    assertThat(r.isOk()).as("%s", r).isFalse();
    assertThat(r.reason()).as("%s", r.detail()).isEqualTo(reason);
    assertThat(r.detail()).contains(detailPart);
  }

  private static String price(String value) {
    return PIXEL.replace("\"price\": 417.97", "\"price\": " + value);
  }

  private static String insertion(String value) {
    return PIXEL.replace(
        "\"insertion_timestamp\": \"2021-07-12 12:01:58.732754\"",
        "\"insertion_timestamp\": " + value);
  }

  @Test
  void poisonPillNumbers() {
    // Jackson reads 1e400 as an infinite double, whose decimalValue() throws
    assertBad(decode(price("1e400")), BadReason.TOO_COMPLEX, "exponent beyond ±350");
    // within the exponent bound but beyond a double: Infinity
    assertBad(
        decode(price("1e309")),
        BadReason.WRONG_TYPE,
        "additional_data.price must be a finite number");
    assertBad(
        decode(PIXEL.replace("\"percent_viewed\": 39.7", "\"percent_viewed\": -1e309")),
        BadReason.WRONG_TYPE,
        "percent_viewed must be a finite number");
    assertBad(decode(price("1e9999999999")), BadReason.TOO_COMPLEX, "exponent beyond ±350");
    assertBad(decode(price("1e300")), BadReason.WRONG_TYPE, "must be a price between");
    assertThat(decode(price("4.1797e2")).event().price()).isEqualTo(new BigDecimal("417.97"));
    assertThat(decode(price("41797e-0002")).event().price()).isEqualTo(new BigDecimal("417.97"));
  }

  @Test
  void timestampsBeyondSparkOrSaneRangeAreBadTimestamps() {
    assertBad(
        decode(insertion(String.valueOf(Long.MAX_VALUE))),
        BadReason.BAD_TIMESTAMP,
        "insertion_timestamp");
    assertBad(
        decode(insertion(String.valueOf(Long.MIN_VALUE))), BadReason.BAD_TIMESTAMP, "is outside");
    assertBad(decode(insertion("-1")), BadReason.BAD_TIMESTAMP, "is outside 1970-01-01T00:00:00Z");
    assertBad(decode(insertion("\"1969-12-31 23:59:59\"")), BadReason.BAD_TIMESTAMP, "is outside");
    // 2^64 + 1 would wrap to 1 ms after the epoch; 2^64 + now's millis to "now"
    assertBad(
        decode(insertion("18446744073709551617")),
        BadReason.BAD_TIMESTAMP,
        "beyond epoch milliseconds' range");
    assertBad(
        decode(insertion("18446745699800851617")),
        BadReason.BAD_TIMESTAMP,
        "beyond epoch milliseconds' range");
    assertBad(
        decode(PIXEL.replace("\"2021-07-12 12:01:58.732726\"", "18446745699800851617")),
        BadReason.BAD_TIMESTAMP,
        "timestamp 18446745699800851617 is beyond");
    assertBad(
        decode(UI.replace("1626091300000", String.valueOf(Long.MAX_VALUE))),
        BadReason.BAD_TIMESTAMP,
        "created_at");
    // the last sane instant still reaches a Spark row
    DecodeResult last = decode(insertion("\"9999-12-31 23:59:59.999999\""));
    assertThat(last.isOk()).isTrue();
    Row row =
        RecordDecoding.toRow(
            DECODER,
            insertion("\"9999-12-31 23:59:59.999999\"").getBytes(StandardCharsets.UTF_8),
            "pk",
            "1",
            ARRIVAL);
    assertThat(row.getTimestamp(DecodedSchema.index(EventColumns.INSERTION_TIME)).toInstant())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
  }

  @Test
  void hugeExponentsAndNumbersAreRefusedBeforeAnyConversion() {
    long start = System.nanoTime();
    // took 80 s and 1.5 GB in setScale
    assertBad(
        decode(price("1e-100000000")),
        BadReason.TOO_COMPLEX,
        "number 1e-100000000 in 'price' has an exponent beyond ±350");
    // anywhere in the record, not only in the fields the decoder reads
    assertBad(
        decode(PIXEL.replace("{\"timestamp\"", "{\"junk\": [1E+99999999], \"timestamp\"")),
        BadReason.TOO_COMPLEX,
        "exponent beyond");
    assertBad(
        decode(price("1" + "0".repeat(100))),
        BadReason.TOO_COMPLEX,
        "Number length (101) exceeds the maximum length (100)");
    assertBad(
        decode(price("0." + "0".repeat(99) + "1")),
        BadReason.TOO_COMPLEX,
        "number in 'price' is 102 characters, limit 100");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(decode(price("417.97e0000000000000000000")).event().price())
        .isEqualTo(new BigDecimal("417.97"));
  }

  @Test
  void nestingIsBounded() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertBad(wide(deep), BadReason.TOO_COMPLEX, "nesting depth (32)");
    assertBad(
        wide(
            PIXEL.replace(
                "{\"timestamp\"",
                "{\"junk\": " + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + ", \"timestamp\"")),
        BadReason.TOO_COMPLEX,
        "nesting depth");
    assertThat(
            wide(PIXEL.replace(
                    "{\"timestamp\"",
                    "{\"junk\": " + "[".repeat(30) + "]".repeat(30) + ", \"timestamp\""))
                .isOk())
        .isTrue();
  }

  @Test
  void stringFieldsAreBoundedInUtf8Bytes() {
    String id256 = "u".repeat(256);
    assertThat(wide(PIXEL.replace("\"35\"", "\"" + id256 + "\"")).event().userId())
        .isEqualTo(id256);
    assertBad(
        wide(PIXEL.replace("\"35\"", "\"" + "u".repeat(257) + "\"")),
        BadReason.FIELD_TOO_LONG,
        "user_id is 257 characters, limit 256 bytes");
    // 129 two-byte characters are 258 bytes; 65 four-byte ones 260
    assertBad(
        wide(PIXEL.replace("\"35\"", "\"" + "é".repeat(129) + "\"")),
        BadReason.FIELD_TOO_LONG,
        "user_id is 258 bytes in UTF-8, limit 256 bytes");
    assertBad(
        wide(PIXEL.replace("\"35\"", "\"" + "😀".repeat(65) + "\"")),
        BadReason.FIELD_TOO_LONG,
        "user_id is 260 bytes");
    assertThat(wide(PIXEL.replace("\"35\"", "\"" + "😀".repeat(64) + "\"")).isOk()).isTrue();
    assertBad(
        wide(APP.replace("\"mobile\"", "\"" + "d".repeat(257) + "\"")),
        BadReason.FIELD_TOO_LONG,
        "device_id is 257");
    assertBad(
        wide(
            PIXEL.replace(
                "{\"timestamp\"", "{\"device_id\": \"" + "d".repeat(300) + "\", \"timestamp\"")),
        BadReason.FIELD_TOO_LONG,
        "device_id");
    assertBad(
        wide(UI.replace("{\"element", "{\"device_id\": \"" + "d".repeat(300) + "\", \"element")),
        BadReason.FIELD_TOO_LONG,
        "device_id");
    assertBad(
        wide(PIXEL.replace("a5cf179b9c9d483abf6d424d44a293be", "c".repeat(257))),
        BadReason.FIELD_TOO_LONG,
        "click_id");
    assertBad(
        wide(PIXEL.replace("wjgao4w1oi", "p".repeat(257))), BadReason.FIELD_TOO_LONG, "pixel_id");
    assertBad(
        wide(PIXEL.replace("81.2.69.142", "1".repeat(65))), BadReason.FIELD_TOO_LONG, "user_ip");
    assertBad(
        wide(PIXEL.replace("\"Purchase\"", "\"" + "P".repeat(513) + "\"")),
        BadReason.FIELD_TOO_LONG,
        "event_name");
    assertBad(
        wide(APP.replace("\"nav\"", "\"" + "n".repeat(513) + "\"")),
        BadReason.FIELD_TOO_LONG,
        "client_event");
    assertBad(
        wide(UI.replace("menu_button", "m".repeat(513))),
        BadReason.FIELD_TOO_LONG,
        "element_clicked");
    assertBad(
        wide(UI.replace("Bella", "B".repeat(513))), BadReason.FIELD_TOO_LONG, "restaurant_name");
    String url = "https://x.example/" + "a".repeat(8192 - 18);
    assertThat(
            wide(PIXEL.replace("{\"timestamp\"", "{\"page_url\": \"" + url + "\", \"timestamp\""))
                .event()
                .pageUrl())
        .isEqualTo(url);
    for (String field : new String[] {"page_url", "referrer", "user_agent"}) {
      assertBad(
          wide(APP.replace("{\"user_id\"", "{\"" + field + "\": \"" + url + "b\", \"user_id\"")),
          BadReason.FIELD_TOO_LONG,
          field + " is 8193 characters, limit 8192 bytes");
    }
  }

  @Test
  void nonFiniteOrNegativeTimeSpentIsBad() {
    assertBad(
        decode(UI.replace("12.5", "1e309")),
        BadReason.WRONG_TYPE,
        "time_spent must be a finite number");
    assertBad(
        decode(UI.replace("12.5", "-0.5")), BadReason.WRONG_TYPE, "time_spent must be at least 0");
    assertBad(decode(UI.replace("12.5", "NaN")), BadReason.NOT_JSON, "NaN");
    assertBad(decode(UI.replace("12.5", "-Infinity")), BadReason.NOT_JSON, "");
    assertBad(
        decode(UI.replace("12.5", "\"NaN\"")), BadReason.WRONG_TYPE, "time_spent must be a number");
    assertBad(
        decode(UI.replace("12.5", "\"Infinity\"")),
        BadReason.WRONG_TYPE,
        "time_spent must be a number");
    assertBad(
        decode(PIXEL.replace("\"time_on_data\": 79", "\"time_on_data\": -9999999999")),
        BadReason.WRONG_TYPE,
        "time_on_data must be at least 0");
    assertThat(decode(UI.replace("12.5", "0")).event().timeSpent()).isEqualTo(0.0);
  }

  @Test
  void controlCharactersInKeysAndLoneSurrogatesAreBadCharacters() {
    assertBad(
        decode(PIXEL.replace("\"35\"", "\"3\\u00005\"")),
        BadReason.BAD_CHARACTERS,
        "user_id holds the control character U+0000 at character 1");
    assertBad(decode(PIXEL.replace("\"35\"", "\"35\\n\"")), BadReason.BAD_CHARACTERS, "U+000A");
    assertBad(decode(PIXEL.replace("\"35\"", "\"35\\u001f\"")), BadReason.BAD_CHARACTERS, "U+001F");
    assertBad(decode(PIXEL.replace("\"35\"", "\"35\\u007f\"")), BadReason.BAD_CHARACTERS, "U+007F");
    assertBad(
        decode(APP.replace("\"mobile\"", "\"mob\\tile\"")),
        BadReason.BAD_CHARACTERS,
        "device_id holds the control character U+0009");
    assertBad(
        decode(UI.replace("{\"element", "{\"device_id\": \"a\\rb\", \"element")),
        BadReason.BAD_CHARACTERS,
        "device_id");
    // Jackson decodes the escapes into lone surrogates; written out both users would be "?"
    assertBad(
        decode(PIXEL.replace("\"35\"", "\"\\ud800\"")),
        BadReason.BAD_CHARACTERS,
        "user_id holds a lone UTF-16 surrogate U+D800 at character 0");
    assertBad(
        decode(PIXEL.replace("\"35\"", "\"a\\udc00\"")),
        BadReason.BAD_CHARACTERS,
        "U+DC00 at character 1");
    assertBad(
        decode(PIXEL.replace("\"35\"", "\"\\ude00\\ud83d\"")),
        BadReason.BAD_CHARACTERS,
        "lone UTF-16 surrogate");
    assertBad(
        decode(UI.replace("Bella", "Bella\\ud83d")),
        BadReason.BAD_CHARACTERS,
        "restaurant_name holds a lone");
    assertBad(decode(PIXEL.replace("81.2.69.142", "\\udbff")), BadReason.BAD_CHARACTERS, "user_ip");
    // a pair is a character; control characters elsewhere than in keys are content
    assertThat(decode(PIXEL.replace("\"35\"", "\"\\ud83d\\ude00\"")).event().userId())
        .isEqualTo("😀");
    assertThat(decode(UI.replace("Bella", "Bella\\tBistro")).event().restaurantName())
        .isEqualTo("Bella\tBistro");
  }

  @Test
  void oneLeadingByteOrderMarkIsIgnored() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] json = PIXEL.getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[bom.length + json.length];
    System.arraycopy(bom, 0, withBom, 0, bom.length);
    System.arraycopy(json, 0, withBom, bom.length, json.length);
    DecodeResult r = DECODER.decode(withBom, ARRIVAL);
    assertThat(r.event()).isEqualTo(decode(PIXEL).event());
    assertThat(r.text()).isEqualTo("\uFEFF" + PIXEL); // the payload stays as it came
    assertBad(decode("\uFEFF\uFEFF" + PIXEL), BadReason.NOT_JSON, "");
    assertBad(decode("\uFEFF"), BadReason.NOT_AN_OBJECT, "not an object");
  }

  @Test
  void appEventWithoutDeviceSharesTheUnknownDevice() {
    DecodeResult r = decode(APP.replace("\"device_id\": \"mobile\", ", ""));
    assertThat(r.isOk()).isTrue();
    assertThat(r.event().deviceId()).isEqualTo("unknown");
    assertThat(decode(APP.replace("\"mobile\"", "null")).event().deviceId()).isEqualTo("unknown");
    assertBad(
        decode(APP.replace("\"mobile\"", "\"  \"")), BadReason.MISSING_FIELD, "device_id is empty");
    assertBad(
        decode(APP.replace("\"mobile\"", "7")), BadReason.WRONG_TYPE, "device_id must be a string");
  }

  @Test
  void everyNumericFieldTakesAPlainDecimalString() {
    ClickEventRecord asNumbers = decode(PIXEL).event();
    ClickEventRecord asStrings =
        decode(
                PIXEL
                    .replace("\"time_on_data\": 79", "\"time_on_data\": \"79\"")
                    .replace("39.7", "\"39.7\"")
                    .replace("557246", "\"557246\"")
                    .replace("417.97", "\"417.97\""))
            .event();
    assertThat(asStrings).isEqualTo(asNumbers);
    assertThat(decode(UI.replace("12.5", "\"12.5\"")).event().timeSpent()).isEqualTo(12.5);
    assertThat(
            decode(APP.replace("{\"user_id\"", "{\"product_id\": \"42\", \"user_id\""))
                .event()
                .productId())
        .isEqualTo(42L);
    assertThat(decode(PIXEL.replace("557246", "\"9223372036854775807\"")).event().productId())
        .isEqualTo(Long.MAX_VALUE);
    // the same refusals as for the unquoted number, or a string that is not a plain decimal
    assertBad(
        decode(PIXEL.replace("557246", "\"9223372036854775808\"")),
        BadReason.WRONG_TYPE,
        "product_id must be an integer");
    assertBad(
        decode(PIXEL.replace("557246", "\"55.7\"")),
        BadReason.WRONG_TYPE,
        "product_id must be an integer");
    assertBad(decode(PIXEL.replace("39.7", "\"139.7\"")), BadReason.WRONG_TYPE, "0-100");
    assertBad(
        decode(PIXEL.replace("417.97", "\"-1\"")), BadReason.WRONG_TYPE, "must be a price between");
    for (String notPlain :
        new String[] {"1e2", " 12", "12 ", "+12", "0x1F", "1_000", "12.", ".5", "", "-", "١٢"}) {
      assertBad(
          decode(PIXEL.replace("39.7", "\"" + notPlain + "\"")),
          BadReason.WRONG_TYPE,
          "percent_viewed must be a number");
      assertBad(
          decode(PIXEL.replace("557246", "\"" + notPlain + "\"")),
          BadReason.WRONG_TYPE,
          "product_id must be an integer");
    }
    assertBad(
        decode(PIXEL.replace("417.97", "\"" + "1".repeat(101) + "\"")),
        BadReason.WRONG_TYPE,
        "price must be a number");
  }

  @Test
  void aNullRecordBecomesABadRow() {
    Row row = RecordDecoding.toRow(DECODER, null, "pk", "7", ARRIVAL);
    assertThat(row.getString(DecodedSchema.index(EventColumns.STATUS)))
        .isEqualTo(DecodedSchema.STATUS_BAD);
    assertThat(row.getString(DecodedSchema.index(EventColumns.REASON))).isEqualTo("not_an_object");
    assertThat(row.getInt(DecodedSchema.index(EventColumns.PAYLOAD_BYTES))).isZero();
  }

  @Test
  void detailsQuoteLongValuesShortly() {
    DecodeResult r =
        wide(PIXEL.replace("\"2021-07-12 12:01:58.732726\"", "\"" + "x".repeat(100_000) + "\""));
    assertBad(r, BadReason.BAD_TIMESTAMP, "(100000 characters)");
    assertThat(r.detail()).hasSizeLessThan(200);
  }
}
