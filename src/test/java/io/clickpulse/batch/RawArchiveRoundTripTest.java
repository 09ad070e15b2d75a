package io.clickpulse.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.enrich.PayloadPrivacy;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventDecoder;
import io.clickpulse.event.RecordDecoding;
import io.clickpulse.sink.BadRecordsTable;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.RawLine;
import io.clickpulse.source.RawArchive;
import io.clickpulse.streaming.MicroBatchProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * raw/ holds every record exactly: hostile records written by the stream's raw writer and read back
 * through RawArchive decode to the same events and bad records (same reasons, details, ids and
 * arrival times) as decoding the records themselves.
 */
class RawArchiveRoundTripTest {
  static final int LIMIT = 2048;
  static final EventDecoder DECODER =
      new EventDecoder(
          LIMIT,
          Duration.ofDays(7),
          Duration.ofMinutes(10),
          Set.of("Search", "ViewContent", "AddToCart", "Purchase"));
  static final Instant ARRIVAL = Instant.parse("2026-11-21T10:15:30.123Z");
  static final StructType KINESIS =
      new StructType()
          .add("data", DataTypes.BinaryType)
          .add("partitionKey", DataTypes.StringType)
          .add("sequenceNumber", DataTypes.StringType)
          .add("approximateArrivalTimestamp", DataTypes.TimestampType);
  static final String IPV4 = "203.0.113.77";
  static final String IPV6 = "2001:db8:1:2:3:4:5:6";

  final SparkSession spark = SparkTestSession.get();

  static String event(String clickId, String time, String ip) {
    return "{\"event_name\":\"ViewContent\",\"timestamp\":\""
        + time
        + "\",\"user_id\":\"20\",\"click_id\":\""
        + clickId
        + "\",\"user_ip\":\""
        + ip
        + "\",\"additional_data\":{\"product_id\":100013,\"percent_viewed\":75.5}}";
  }

  /**
   * Every kind of record that broke the one-line-per-record archive, and a few that look like its
   * lines.
   */
  static List<byte[]> hostile() {
    List<byte[]> r = new ArrayList<>();
    String prettyPrinted =
        """
        {
          "event_name": "AddToCart",
          "timestamp": "2026-11-21 10:14:00.000000",
          "user_id": 20,
          "click_id": "c-pretty",
          "user_ip": "%s",
          "user_agent": "Mozilla/5.0",
          "page_url": "https://shop.example/p/100013",
          "referrer": "https://www.google.com/",
          "additional_data": {
            "product_id": 100013,
            "price": 19.99,
            "percent_viewed": 40
          }
        }"""
            .formatted(IPV6); // 15 lines
    r.add(prettyPrinted.getBytes(StandardCharsets.UTF_8));
    r.add(
        (event("c-trailing-lf", "2026-11-21 10:14:01.000000", IPV4) + "\n")
            .getBytes(StandardCharsets.UTF_8));
    r.add(
        (prettyPrinted.replace("c-pretty", "c-crlf").replace("\n", "\r\n") + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
    r.add(
        event("c-cr-and-separators", "2026-11-21 10:14:02.000000", IPV4)
            .replace("\"ViewContent\",", "\"ViewContent\",\r")
            .replace("}}", ",\"referrer_note\":\"Zürich\u2028line\u2029para\\n\"}}")
            .getBytes(StandardCharsets.UTF_8));
    byte[] notUtf8 =
        event("c-not-utf8", "2026-11-21 10:14:03.000000", IPV4).getBytes(StandardCharsets.UTF_8);
    notUtf8[notUtf8.length - 12] = (byte) 0xff;
    r.add(notUtf8);
    r.add(
        (event("c-too-large", "2026-11-21 10:14:04.000000", IPV4)
                .replace(
                    "}}", "},\"page_url\":\"https://shop.example/?" + "x\n".repeat(LIMIT) + "\"}"))
            .getBytes(StandardCharsets.UTF_8)); // raw newlines too: it is never parsed
    r.add(new byte[0]);
    r.add(" \n\t\r\n ".getBytes(StandardCharsets.UTF_8));
    r.add(
        "{\"event_name\":\"Search\",\"user_ip\":\"203.0.1"
            .getBytes(StandardCharsets.UTF_8)); // cut short: not JSON
    r.add(
        "\uFEFF"
            .concat(event("c-bom", "2026-11-21 10:14:05.000000", IPV4))
            .getBytes(StandardCharsets.UTF_8));
    // a record that is itself shaped like a raw line: archived inside one, never taken for one
    r.add(
        "{\"data\":\"x\",\"arrival_time\":\"2026-01-01T00:00:00Z\"}"
            .getBytes(StandardCharsets.UTF_8));
    // 11 minutes after arrival: in_future for the stream; an hour-end arrival time would have
    // accepted it
    r.add(event("c-future", "2026-11-21 10:26:31.000000", IPV4).getBytes(StandardCharsets.UTF_8));
    r.add(event("c-valid", "2026-11-21 10:15:00.000000", IPV4).getBytes(StandardCharsets.UTF_8));
    return r;
  }

  /**
   * The decoder's poison pills and silent-bad-data cases (issue #17), each with the reason it must
   * get: through the archive and back they must give exactly what the stream gave.
   */
  static Map<String, String> decoderHostile() {
    String ok = event("c-h", "2026-11-21 10:14:10.000000", IPV4);
    Map<String, String> r = new LinkedHashMap<>();
    r.put(
        ok.replace("\"percent_viewed\":75.5", "\"percent_viewed\":75.5,\"price\":1e400"),
        "too_complex");
    r.put(
        ok.replace("\"percent_viewed\":75.5", "\"percent_viewed\":75.5,\"price\":1e-100000000"),
        "too_complex");
    r.put(
        ok.replace("\"percent_viewed\":75.5", "\"percent_viewed\":75.5,\"price\":1e309"),
        "wrong_type");
    r.put(ok.replace("\"2026-11-21 10:14:10.000000\"", "9223372036854775807"), "bad_timestamp");
    r.put(ok.replace("\"2026-11-21 10:14:10.000000\"", "18446744073709551617"), "bad_timestamp");
    r.put(
        ok.replace("\"user_id\":\"20\"", "\"user_id\":\"" + "u".repeat(300) + "\""),
        "field_too_long");
    r.put(ok.replace("\"user_id\":\"20\"", "\"user_id\":\"2\\u00010\""), "bad_characters");
    r.put(ok.replace("\"user_id\":\"20\"", "\"user_id\":\"20\\ud800\""), "bad_characters");
    r.put(
        "{\"element_clicked\":\"menu\",\"time_spent\":-3,\"restaurant_name\":\"Bella\",\"created_at\":\"2026-11-21 10:14:10\"}",
        "wrong_type");
    r.put("[".repeat(40) + "]".repeat(40), "too_complex");
    return r;
  }

  @Test
  void theDecodersHostileRecordsReadBackAsTheSameBadRecords(@TempDir Path lake) throws Exception {
    Map<String, String> hostile = decoderHostile();
    List<byte[]> records =
        hostile.keySet().stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    List<Row> direct = RecordDecoding.decodeRecords(kinesis(records), DECODER).collectAsList();
    archive(RecordDecoding.decodeRecords(kinesis(records), DECODER), lake);
    assertThat(readBack(spark, lake, false).collectAsList())
        .containsExactlyInAnyOrderElementsOf(direct);
    Map<String, String> reasons = new LinkedHashMap<>();
    direct.forEach(
        r ->
            reasons.put(r.getString(r.fieldIndex("payload")), r.getString(r.fieldIndex("reason"))));
    assertThat(reasons).isEqualTo(hostile);
  }

  /** The records as the Kinesis source gives them; the last one arrives in the day's last hour. */
  Dataset<Row> kinesis(List<byte[]> records) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      Instant arrival =
          i == records.size() - 1
              ? Instant.parse("2026-11-21T23:59:59.500Z")
              : ARRIVAL.plusMillis(i);
      rows.add(
          RowFactory.create(
              records.get(i),
              "pk-" + (i % 3),
              "4960000000000000000000000000" + (100 + i),
              Timestamp.from(arrival)));
    }
    return spark.createDataFrame(rows, KINESIS);
  }

  /** raw/ written by the stream's own raw output (sink and line format) from decoded rows. */
  static void archive(Dataset<Row> decoded, Path lake) {
    MicroBatchProcessor.Outputs outputs =
        MicroBatchProcessor.Outputs.under(
            d -> lake.resolve(d).toUri().toString(), () -> null, () -> null);
    outputs.raw().write(RawLine.lines(decoded), 3);
  }

  static Dataset<Row> readBack(SparkSession spark, Path lake, boolean anonymize) {
    return RawArchive.decode(
        spark,
        lake.resolve(LakeDataset.RAW.folder()).toUri().toString(),
        DECODER,
        anonymize,
        Instant.parse("2026-11-21T10:00:00Z"),
        Instant.parse("2026-11-22T00:00:00Z"));
  }

  @Test
  void everyRecordReadsBackAsTheSameEventOrBadRecord(@TempDir Path lake) throws Exception {
    List<byte[]> records = hostile();
    List<Row> direct = RecordDecoding.decodeRecords(kinesis(records), DECODER).collectAsList();
    archive(RecordDecoding.decodeRecords(kinesis(records), DECODER), lake);

    List<String> lines = rawLines(lake);
    assertThat(lines)
        .as("one line per record")
        .hasSize(records.size())
        .allSatisfy(
            l -> assertThat(RawLine.decode(l.getBytes(StandardCharsets.UTF_8))).as(l).isPresent());
    List<Row> readBack = readBack(spark, lake, false).collectAsList();
    // every column: event fields, status, reason and detail, bad-record id, origin, arrival,
    // payload, size
    assertThat(readBack).containsExactlyInAnyOrderElementsOf(direct);

    Map<String, Long> reasons = new TreeMap<>();
    direct.forEach(
        r ->
            reasons.merge(
                r.getString(r.fieldIndex("status")) + ":" + r.getString(r.fieldIndex("reason")),
                1L,
                Long::sum));
    // the empty and the blank record are no object; the cut-short one is no JSON; the BOM-led one
    // is
    // an event (the decoder ignores one leading byte order mark) whose archived bytes keep the BOM
    assertThat(reasons)
        .isEqualTo(
            Map.of(
                "ok:null",
                6L,
                "bad:not_utf8",
                1L,
                "bad:too_large",
                1L,
                "bad:not_json",
                1L,
                "bad:not_an_object",
                2L,
                "bad:unknown_shape",
                1L,
                "bad:time_in_future",
                1L));
    assertThat(direct)
        .filteredOn(r -> "too_large".equals(r.getString(r.fieldIndex("reason"))))
        .allSatisfy(
            r ->
                assertThat(Base64.getDecoder().decode(r.getString(r.fieldIndex("payload_base64"))))
                    .isEqualTo(records.get(5)));
  }

  @Test
  void aLineThatIsNoRawLineIsABadRecordOfItsHourNeverFatal(@TempDir Path lake) throws Exception {
    Path hour = Files.createDirectories(lake.resolve("raw/year=2026/month=11/day=21/hour=23"));
    Files.write(
        hour.resolve("garbage.bin"),
        new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n', '{', '"', 'd', '\n'});
    List<Row> rows = readBack(spark, lake, false).collectAsList();
    assertThat(rows)
        .extracting(r -> r.getString(r.fieldIndex("reason")))
        .containsExactlyInAnyOrder("not_utf8", "not_json");
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.getTimestamp(r.fieldIndex("arrival_time")).toInstant())
                  .isEqualTo(Instant.parse("2026-11-21T23:59:59.999Z"));
              assertThat(r.isNullAt(r.fieldIndex("partition_key"))).isTrue();
            });
  }

  @Test
  void withAnonymisationNoRawLineOrBadRecordHoldsTheFullAddress(@TempDir Path lake)
      throws Exception {
    Dataset<Row> decoded =
        PayloadPrivacy.apply(RecordDecoding.decodeRecords(kinesis(hostile()), DECODER), true);
    archive(decoded, lake);
    LakeDataset.BAD_RECORDS
        .sink(lake.resolve(LakeDataset.BAD_RECORDS.folder()).toUri().toString())
        .write(
            BadRecordsTable.rows(
                decoded.where(col("status").equalTo(DecodedSchema.STATUS_BAD)),
                lit(null).cast("string"),
                BadRecordsTable.FROM_STREAM),
            3);

    // what the files hold, with the base64 fields decoded
    List<String> stored = new ArrayList<>();
    for (String line : rawLines(lake)) {
      stored.add(line);
      stored.add(
          new String(
              RawLine.decode(line.getBytes(StandardCharsets.UTF_8)).orElseThrow().data(),
              StandardCharsets.ISO_8859_1));
    }
    List<Row> bad =
        spark
            .read()
            .json(lake.resolve(LakeDataset.BAD_RECORDS.folder()).toString())
            .collectAsList();
    assertThat(bad).hasSize(7);
    for (Row r : bad) {
      stored.add(r.json());
      if (!r.isNullAt(r.fieldIndex("payload_base64"))) {
        stored.add(
            new String(
                Base64.getDecoder().decode(r.getString(r.fieldIndex("payload_base64"))),
                StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(stored).noneMatch(s -> s.contains(IPV4) || s.contains(IPV6));
    assertThat(String.join("\n", stored)).contains("203.0.113.0", "2001:db8:1:0:0:0:0:0");

    // a flatten re-run over that archive stores them masked too, and still finds the same records
    List<Row> again = readBack(spark, lake, true).collectAsList();
    assertThat(again)
        .hasSize(hostile().size())
        .allSatisfy(r -> assertThat(storedPayload(r)).doesNotContain(IPV4, IPV6));
    assertThat(again)
        .extracting(r -> r.getString(r.fieldIndex("reason")))
        .containsExactlyInAnyOrderElementsOf(
            decoded.collectAsList().stream()
                .map(r -> r.getString(r.fieldIndex("reason")))
                .toList());
  }

  /** A decoded row's payload as stored: the text, or the base64 bytes one char per byte. */
  private static String storedPayload(Row r) {
    return r.isNullAt(r.fieldIndex("payload"))
        ? new String(
            Base64.getDecoder().decode(r.getString(r.fieldIndex("payload_base64"))),
            StandardCharsets.ISO_8859_1)
        : r.getString(r.fieldIndex("payload"));
  }

  private static List<String> rawLines(Path lake) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(lake.resolve(LakeDataset.RAW.folder()))) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(text).as(f.toString()).endsWith("\n").doesNotContain("\r");
        lines.addAll(text.lines().toList());
      }
    }
    return lines;
  }
}
