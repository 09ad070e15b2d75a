package io.clickpulse.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;

/**
 * Hostile records through the decoder and on into Spark's internal row format (Spark's own Row
 * serializer, no session): none throws, each yields one event or one bad record with a reason, and
 * what is accepted fits its column.
 */
class EventDecoderFuzzTest {
  static final Instant ARRIVAL = Instant.parse("2021-07-12T12:02:00Z");

  /** Small enough to reach the record limit often; large enough for an 8 KB URL. */
  static final int MAX_RECORD_BYTES = 16 * 1024;

  static final EventDecoder DECODER =
      new EventDecoder(
          MAX_RECORD_BYTES,
          Duration.ofDays(7),
          Duration.ofMinutes(10),
          Set.of(
              EventName.SEARCH, EventName.VIEW_CONTENT, EventName.ADD_TO_CART, EventName.PURCHASE));
  static final ExpressionEncoder.Serializer<Row> TO_INTERNAL =
      ExpressionEncoder.apply(DecodedSchema.DECODED).createSerializer();
  static final int PRICE = DecodedSchema.index(EventColumns.PRICE);
  static final int EVENT_TIME = DecodedSchema.index(EventColumns.EVENT_TIME);
  static final int STATUS = DecodedSchema.index(EventColumns.STATUS);
  static final int REASON = DecodedSchema.index(EventColumns.REASON);

  /** Random hostile records: bytes, cut events, nesting, sizes near the bounds, hostile values. */
  @Property(tries = 7_000, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void everyRecordGetsOneVerdictAndOneRow(@ForAll("hostileRecords") byte[] record) {
    check(record);
  }

  /** Every field of every shape with every hostile value of the lists below, once. */
  @Property(tries = 5_000, generation = GenerationMode.EXHAUSTIVE)
  void everyFieldWithEveryHostileValue(@ForAll("everyFieldWithEveryValue") byte[] record) {
    check(record);
  }

  private static void check(byte[] record) {
    long start = System.nanoTime();
    DecodeResult r = DECODER.decode(record, ARRIVAL);
    Statistics.collect(
        r.isOk() ? "event" : r.reason().code()); // the verdicts' spread, in the test's report
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("decode time")
        .isLessThan(Duration.ofSeconds(1));
    assertThat(r.event() == null).as("event xor reason: %s", r).isEqualTo(r.reason() != null);
    if (r.isOk()) {
      assertSane(r.event());
    } else {
      assertThat(r.detail()).isNotNull();
    }

    Row row =
        RecordDecoding.toRow(
            DECODER,
            record,
            "pk",
            "49590338271490256608559692538361571095921575989136588898",
            ARRIVAL);
    assertThat(row.size()).isEqualTo(DecodedSchema.DECODED.size());
    assertThat(row.getString(STATUS))
        .isEqualTo(r.isOk() ? DecodedSchema.STATUS_OK : DecodedSchema.STATUS_BAD);
    assertThat(row.getString(REASON)).isEqualTo(r.isOk() ? null : r.reason().code());
    assertThat(row.get(STATUS + 6) != null || row.get(STATUS + 7) != null)
        .as("payload kept")
        .isTrue();
    assertThat(row.getInt(STATUS + 8)).isEqualTo(record.length);
    InternalRow internal = TO_INTERNAL.apply(row);
    // Spark nulls a decimal that does not fit (12, 2) instead of failing: nothing may be nulled
    assertThat(internal.isNullAt(PRICE)).isEqualTo(row.isNullAt(PRICE));
    if (r.isOk()) {
      Instant t = r.event().eventTime();
      assertThat(internal.getLong(EVENT_TIME))
          .isEqualTo(t.getEpochSecond() * 1_000_000 + t.getNano() / 1000);
    }
  }

  private static void assertSane(ClickEventRecord e) {
    assertThat(e.eventId()).isNotNull();
    assertThat(e.eventTime()).isBetween(DecodeLimits.MIN_TIME, DecodeLimits.MAX_TIME);
    if (e.insertionTime() != null) {
      assertThat(e.insertionTime()).isBetween(DecodeLimits.MIN_TIME, DecodeLimits.MAX_TIME);
    }
    for (String key : new String[] {e.userId(), e.deviceId()}) {
      if (key != null) {
        assertThat(key.getBytes(StandardCharsets.UTF_8).length)
            .isLessThanOrEqualTo(DecodeLimits.MAX_ID_BYTES);
        assertThat(key.chars().noneMatch(c -> c < 0x20 || c == 0x7F))
            .as("no control character in %s", key)
            .isTrue();
      }
    }
    for (String s :
        new String[] {
          e.userId(),
          e.deviceId(),
          e.pixelId(),
          e.clickId(),
          e.userIp(),
          e.userAgent(),
          e.pageUrl(),
          e.referrer(),
          e.eventName(),
          e.elementClicked(),
          e.restaurantName()
        }) {
      if (s != null) {
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(s))
            .as("no lone surrogate")
            .isTrue();
        assertThat(s.getBytes(StandardCharsets.UTF_8).length)
            .isLessThanOrEqualTo(DecodeLimits.MAX_URL_BYTES);
      }
    }
    if (e.price() != null) {
      assertThat(e.price().scale()).isEqualTo(2);
      assertThat(e.price().precision()).isLessThanOrEqualTo(12);
      assertThat(e.price().signum()).isNotNegative();
    }
    if (e.percentViewed() != null) {
      assertThat(e.percentViewed()).isBetween(0.0, 100.0);
    }
    if (e.timeSpent() != null) {
      assertThat(Double.isFinite(e.timeSpent()) && e.timeSpent() >= 0).isTrue();
    }
    if (e.timeOnData() != null) {
      assertThat(e.timeOnData()).isNotNegative();
    }
  }

  // ---- generators ----

  /**
   * The three shapes as field → JSON value text; additional_data's fields are "additional_data.x".
   */
  static final List<Map<String, String>> TEMPLATES =
      List.of(
          fields(
              "timestamp",
              "\"2021-07-12 12:01:58.732726\"",
              "user_id",
              "\"35\"",
              "pixel_id",
              "\"wjgao4w1oi\"",
              "click_id",
              "\"a5cf179b9c9d483abf6d424d44a293be\"",
              "insertion_timestamp",
              "\"2021-07-12 12:01:58.732754\"",
              "event_name",
              "\"Purchase\"",
              "user_ip",
              "\"81.2.69.142\"",
              "user_agent",
              "\"Mozilla/5.0\"",
              "page_url",
              "\"https://shop.example/p/1\"",
              "referrer",
              "\"https://www.example/\"",
              "device_id",
              "\"web\"",
              "additional_data.time_on_data",
              "79",
              "additional_data.percent_viewed",
              "39.7",
              "additional_data.product_id",
              "557246",
              "additional_data.price",
              "417.97"),
          fields(
              "timestamp",
              "1626091318000",
              "user_id",
              "7",
              "event_name",
              "\"Search\"",
              "click_id",
              "\"c1\""),
          fields(
              "user_id",
              "60",
              "device_id",
              "\"mobile\"",
              "client_event",
              "\"beer_checkout\"",
              "client_timestamp",
              "\"2021-07-12T12:01:30.123456\"",
              "product_id",
              "\"42\"",
              "user_ip",
              "\"2001:db8::1\""),
          fields(
              "element_clicked",
              "\"menu_button\"",
              "time_spent",
              "12.5",
              "restaurant_name",
              "\"Bella\"",
              "created_at",
              "1626091300000",
              "user_id",
              "\"u-1\"",
              "device_id",
              "\"tablet\""));

  static final List<String> EXTRA_FIELDS =
      List.of(
          "junk",
          "additional_data.junk",
          "additional_data",
          "device_id",
          "user_id",
          "pixel_id",
          "timestamp",
          "client_timestamp",
          "created_at",
          "insertion_timestamp",
          "additional_data.price",
          "additional_data.product_id",
          "product_id",
          "time_spent",
          "event_name",
          "client_event",
          "element_clicked");

  static final List<String> HOSTILE_NUMBERS =
      List.of(
          "1e400",
          "-1e400",
          "1e309",
          "-1e309",
          "1e-100000000",
          "1E+99999999",
          "1e9999999999",
          "1e350",
          "1e-350",
          "1e351",
          "1e-351",
          "4.9e-324",
          "1.7976931348623157e308",
          "0",
          "-0",
          "-0.0",
          "0.0",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775808",
          "-9223372036854775809",
          "18446744073709551617",
          "18446745699800851617",
          "1" + "0".repeat(99),
          "1" + "0".repeat(100),
          "0." + "0".repeat(97) + "1",
          "0." + "0".repeat(98) + "1",
          "99999999999.99",
          "9999999999.995",
          "9999999999.994",
          "0.005",
          "-0.004",
          "100",
          "100.0000001",
          "2147483648",
          "NaN",
          "Infinity",
          "-Infinity",
          "1.",
          ".5",
          "01",
          "+1",
          "0x10",
          "1e",
          "1e+",
          "--1",
          "1e0000000000000005");

  static final List<String> HOSTILE_STRINGS =
      List.of(
          "\"\"",
          "\" \"",
          "\"\\u0000\"",
          "\"a\\u0000b\"",
          "\"\\n\"",
          "\"\\u001f\"",
          "\"\\u007f\"",
          "\"\\u0080\"",
          "\"\\ud800\"",
          "\"\\udc00\"",
          "\"x\\udbff\"",
          "\"\\ude00\\ud83d\"",
          "\"\\ud83d\\ude00\"",
          "\"\\ufeff\"",
          "\"\\uffff\"",
          "\"\\u202e\"",
          "\"\\\\\"",
          "\"../../etc/passwd\"",
          "\"..\\\\..\\\\windows\"",
          "\"%2e%2e%2f\"",
          "\"/\"",
          "\"s3://bucket/raw/\"",
          "\"year=2021/month=07\"",
          "\"' OR 1=1 --\"",
          "\"NaN\"",
          "\"Infinity\"",
          "\"-0\"",
          "\"12\"",
          "\"12.5\"",
          "\"-5\"",
          "\" 12\"",
          "\"1e5\"",
          "\"9223372036854775808\"",
          "\"" + "9".repeat(101) + "\"",
          "\"2021-07-12 12:01:58\"",
          "\"2021-07-12T12:01:58+99:99\"",
          "\"2021-02-30 00:00:00\"",
          "\"0000-01-01 00:00:00\"",
          "\"9999-12-31 23:59:59.999999999\"",
          "\"1969-12-31T23:59:59Z\"",
          "\"1626091318732\"",
          "\"99999999999999\"",
          "\"2021-07-12 12:01:58.1234567890\"",
          "\"2021-07-12T12:01:58-\"");

  static final List<String> HOSTILE_STRUCTURES =
      List.of(
          "null",
          "true",
          "false",
          "[]",
          "{}",
          "[1,2]",
          "{\"a\":1}",
          "[\"35\"]",
          "{\"id\":35}",
          "[[[[[[[[]]]]]]]]",
          "[null]",
          "{\"\":\"\"}");

  @Provide
  Arbitrary<byte[]> everyFieldWithEveryValue() {
    List<byte[]> records = new ArrayList<>();
    for (Map<String, String> template : TEMPLATES) {
      for (String field : template.keySet()) {
        for (List<String> values : List.of(HOSTILE_NUMBERS, HOSTILE_STRINGS, HOSTILE_STRUCTURES)) {
          for (String value : values) {
            Map<String, String> m = new LinkedHashMap<>(template);
            m.put(field, value);
            records.add(utf8(render(m)));
          }
        }
      }
    }
    return Arbitraries.of(records);
  }

  @Provide
  Arbitrary<byte[]> hostileRecords() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, withHostileValue().map(EventDecoderFuzzTest::utf8)),
        Tuple.of(2, randomBytes()),
        Tuple.of(2, truncated()),
        Tuple.of(1, deepNesting().map(EventDecoderFuzzTest::utf8)),
        Tuple.of(2, nearLimits().map(EventDecoderFuzzTest::utf8)),
        Tuple.of(1, duplicatedKeys().map(EventDecoderFuzzTest::utf8)),
        Tuple.of(1, mutated()));
  }

  /** A template with one field set (or added) to a hostile value, or two. */
  Arbitrary<String> withHostileValue() {
    Arbitrary<String> field =
        Arbitraries.oneOf(
            Arbitraries.of(EXTRA_FIELDS),
            Arbitraries.of(
                TEMPLATES.stream().flatMap(t -> t.keySet().stream()).distinct().toList()));
    return Combinators.combine(
            Arbitraries.of(TEMPLATES),
            field,
            hostileValue(),
            field,
            hostileValue(),
            Arbitraries.integers().between(0, 3))
        .as(
            (template, f1, v1, f2, v2, two) -> {
              Map<String, String> m = new LinkedHashMap<>(template);
              m.put(f1, v1);
              if (two == 0) {
                m.put(f2, v2);
              }
              return render(m);
            });
  }

  Arbitrary<String> hostileValue() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(HOSTILE_NUMBERS)),
        Tuple.of(3, Arbitraries.of(HOSTILE_STRINGS)),
        Tuple.of(1, Arbitraries.of(HOSTILE_STRUCTURES)),
        Tuple.of(1, Arbitraries.of(HOSTILE_NUMBERS).map(n -> "\"" + n + "\"")),
        Tuple.of(
            2, Arbitraries.strings().all().ofMaxLength(40).map(EventDecoderFuzzTest::jsonString)),
        Tuple.of(
            1,
            Arbitraries.strings()
                .withChars("0123456789abcdefABCDEF")
                .ofLength(4)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(
                    hex ->
                        "\""
                            + hex.stream().map(h -> "\\u" + h).collect(Collectors.joining())
                            + "\"")),
        Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
        Tuple.of(
            1,
            Arbitraries.doubles().map(String::valueOf).map(d -> d.replace("Infinity", "1e999"))));
  }

  Arbitrary<byte[]> randomBytes() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(300)
            .map(b -> concat(utf8("{\"user_id\":\""), b)),
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(50)
            .map(b -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b)));
  }

  /** Valid (or hostile) events cut anywhere, also inside a multi-byte character. */
  Arbitrary<byte[]> truncated() {
    return Combinators.combine(
            Arbitraries.oneOf(
                Arbitraries.of(TEMPLATES).map(EventDecoderFuzzTest::render), withHostileValue()),
            Arbitraries.doubles().between(0, 1))
        .as(
            (json, at) -> {
              byte[] b = utf8(json);
              byte[] cut = new byte[(int) (b.length * at)];
              System.arraycopy(b, 0, cut, 0, cut.length);
              return cut;
            });
  }

  Arbitrary<String> deepNesting() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 5000),
            Arbitraries.of("[", "{\"a\":"),
            Arbitraries.of(true, false),
            Arbitraries.of(TEMPLATES))
        .as(
            (depth, open, closed, template) -> {
              String close = open.equals("[") ? "]" : "}";
              String nest = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
              Map<String, String> m = new LinkedHashMap<>(template);
              m.put("junk", nest);
              return depth % 3 == 0 ? nest : render(m);
            });
  }

  /**
   * String fields around their bound, in 1- to 4-byte characters; records around the record limit.
   */
  Arbitrary<String> nearLimits() {
    Map<String, Integer> bounds =
        Map.of(
            "user_id",
            DecodeLimits.MAX_ID_BYTES,
            "device_id",
            DecodeLimits.MAX_ID_BYTES,
            "click_id",
            DecodeLimits.MAX_ID_BYTES,
            "pixel_id",
            DecodeLimits.MAX_ID_BYTES,
            "user_ip",
            DecodeLimits.MAX_IP_BYTES,
            "event_name",
            DecodeLimits.MAX_NAME_BYTES,
            "element_clicked",
            DecodeLimits.MAX_NAME_BYTES,
            "restaurant_name",
            DecodeLimits.MAX_NAME_BYTES,
            "page_url",
            DecodeLimits.MAX_URL_BYTES,
            "junk",
            MAX_RECORD_BYTES - 400);
    return Combinators.combine(
            Arbitraries.of(TEMPLATES),
            Arbitraries.of(bounds.keySet()),
            Arbitraries.of("a", "é", "€", "😀"),
            Arbitraries.integers().between(-8, 8))
        .as(
            (template, field, ch, delta) -> {
              int bytes = ch.getBytes(StandardCharsets.UTF_8).length;
              int count = Math.max(0, bounds.get(field) / bytes + delta);
              Map<String, String> m = new LinkedHashMap<>(template);
              m.put(field, "\"" + ch.repeat(count) + "\"");
              return render(m);
            });
  }

  Arbitrary<String> duplicatedKeys() {
    return Combinators.combine(
            Arbitraries.of(TEMPLATES),
            Arbitraries.of(EXTRA_FIELDS),
            hostileValue(),
            Arbitraries.of(true, false))
        .as(
            (template, field, value, before) -> {
              String json = render(template);
              String dup = "\"" + field.replace("additional_data.", "") + "\": " + value + ", ";
              return before
                  ? "{" + dup + json.substring(1)
                  : json.substring(0, json.length() - 1)
                      + ", "
                      + dup.substring(0, dup.length() - 2)
                      + "}";
            });
  }

  /** A valid event with one byte replaced, inserted or removed. */
  Arbitrary<byte[]> mutated() {
    return Combinators.combine(
            Arbitraries.of(TEMPLATES),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.bytes(),
            Arbitraries.integers().between(0, 2))
        .as(
            (template, at, b, op) -> {
              byte[] json = utf8(render(template));
              int i = (int) ((json.length - 1) * at);
              List<Byte> out = new ArrayList<>();
              for (byte x : json) {
                out.add(x);
              }
              switch (op) {
                case 0 -> out.set(i, b);
                case 1 -> out.add(i, b);
                default -> out.remove(i);
              }
              byte[] r = new byte[out.size()];
              for (int k = 0; k < r.length; k++) {
                r[k] = out.get(k);
              }
              return r;
            });
  }

  // ---- helpers ----

  static Map<String, String> fields(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * Top-level fields in order; "additional_data.x" fields gathered into additional_data unless it
   * is set itself.
   */
  static String render(Map<String, String> fields) {
    StringBuilder top = new StringBuilder("{");
    StringBuilder data = new StringBuilder();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (f.getKey().startsWith("additional_data.")) {
        data.append(data.length() == 0 ? "" : ", ")
            .append('"')
            .append(f.getKey().substring(16))
            .append("\": ")
            .append(f.getValue());
      } else {
        top.append(top.length() == 1 ? "" : ", ")
            .append('"')
            .append(f.getKey())
            .append("\": ")
            .append(f.getValue());
      }
    }
    if (data.length() > 0 && !fields.containsKey("additional_data")) {
      top.append(top.length() == 1 ? "" : ", ")
          .append("\"additional_data\": {")
          .append(data)
          .append('}');
    }
    return top.append('}').toString();
  }

  /** Any Java string as a JSON string literal (lone surrogates stay, and become '?' in UTF-8). */
  static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
