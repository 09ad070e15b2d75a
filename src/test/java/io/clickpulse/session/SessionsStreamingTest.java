package io.clickpulse.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.SessionsConfig;
import io.clickpulse.streaming.SessionsQuery;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sessions query's transforms as a real streaming query (a file source, one file per
 * micro-batch), against sessions computed by hand: gap 30 s, lateness 20 s. The same events in
 * batch give the same sessions.
 */
class SessionsStreamingTest {
  static final StructType DECODED =
      new StructType()
          .add("status", DataTypes.StringType)
          .add("event_id", DataTypes.StringType)
          .add("user_id", DataTypes.StringType)
          .add("device_id", DataTypes.StringType)
          .add("event_name", DataTypes.StringType)
          .add("event_time", DataTypes.TimestampType)
          .add("product_id", DataTypes.LongType)
          .add("price", DataTypes.createDecimalType(12, 2));

  private final SparkSession spark = SparkTestSession.get();

  @AfterEach
  void stopQueries() throws Exception {
    SparkTestSession.stopActiveQueries();
  }

  private final SessionsConfig config =
      ClickpulseConfig.fromArgs(
              "--sessions.gap",
              "30s",
              "--sessions.max-length",
              "10min",
              "--sessions.allowed-lateness",
              "20s")
          .sessions();

  static String ev(
      String id, String user, String device, String name, String time, Long product, String price) {
    return String.format(
        "{\"status\":\"ok\",\"event_id\":\"%s\",\"user_id\":\"%s\",\"device_id\":%s,\"event_name\":\"%s\","
            + "\"event_time\":\"2026-11-21T%sZ\",\"product_id\":%s,\"price\":%s}",
        id, user, device == null ? "null" : "\"" + device + "\"", name, time, product, price);
  }

  // batch 0: W becomes 10:01:00 - 20 s = 10:00:40 afterwards
  static final List<String> FILE_0 =
      List.of(
          ev("a1", "A", "mobile", "ViewContent", "10:00:00", 1L, "9.99"),
          ev("a2", "A", "mobile", "AddToCart", "10:00:20", 1L, "9.99"),
          ev("c1", "A", "computer", "Search", "10:00:15", null, null),
          ev("b1", "B", "mobile", "ViewContent", "10:01:00", 2L, "5.00"),
          "{\"status\":\"bad\",\"event_id\":\"bad-1\"}");
  // batch 1 (W = 10:00:40): a3 is within the lateness and joins A's session; aLate is exactly at
  // the watermark, which is late (as in Spark's own operators); c2 is exactly at the gap after
  // c1; b1 again is a duplicate
  static final List<String> FILE_1 =
      List.of(
          ev("a3", "A", "mobile", "Purchase", "10:00:45", 1L, "9.99"),
          ev("aLate", "A", "mobile", "ViewContent", "10:00:40", 3L, "1.00"),
          ev("c2", "A", "computer", "ViewContent", "10:00:45", 4L, "2.00"),
          ev("b1", "B", "mobile", "ViewContent", "10:01:00", 2L, "5.00"),
          ev("b2", "B", null, "Search", "10:01:01", null, null),
          ev("b3", "B", "mobile", "Search", "10:01:05", null, null));
  // batch 2 moves the watermark far ahead (10:09:40); batch 3 then closes every session, sees a
  // duplicate of a2 and one more late event
  static final List<String> FILE_2 =
      List.of(ev("z1", "Z", "mobile", "Search", "10:10:00", null, null));
  static final List<String> FILE_3 =
      List.of(
          ev("z2", "Z", "mobile", "Search", "10:10:01", null, null),
          ev("a2", "A", "mobile", "AddToCart", "10:00:20", 1L, "9.99"),
          ev("aLate2", "A", "mobile", "Search", "10:05:00", null, null));

  @Test
  void streamingSessionsMatchTheHandComputedOnesAndTheBatchRun(@TempDir Path dir) throws Exception {
    List<Row> collected =
        fileByFile(dir, decoded -> SessionsQuery.gapSessions(decoded, config, Duration.ofHours(1)));

    List<Row> sessions =
        SessionTables.sessions(spark.createDataFrame(collected, collected.get(0).schema()))
            .orderBy("user_id", "device_id")
            .collectAsList();
    assertThat(sessions)
        .extracting(r -> r.getString(1) + "/" + r.getString(2))
        .containsExactly("A/computer", "A/mobile", "B/mobile", "B/unknown");
    Row computer = sessions.get(0);
    assertThat(instant(computer, "session_start")).isEqualTo(Instant.parse("2026-11-21T10:00:15Z"));
    assertThat(instant(computer, "session_end")).isEqualTo(Instant.parse("2026-11-21T10:00:45Z"));
    assertThat(computer.<Long>getAs("duration_sec")).isEqualTo(30L);
    assertThat(computer.<Integer>getAs("events")).isEqualTo(2);
    Row mobile = sessions.get(1);
    assertThat(mobile.<Integer>getAs("events")).isEqualTo(3);
    assertThat(mobile.<Long>getAs("duration_sec")).isEqualTo(45L);
    assertThat(mobile.<String>getAs("entry_action")).isEqualTo("ViewContent");
    assertThat(mobile.<String>getAs("exit_action")).isEqualTo("Purchase");
    assertThat(mobile.<Boolean>getAs("converted")).isTrue();
    assertThat(mobile.<BigDecimal>getAs("revenue")).isEqualByComparingTo("9.99");
    assertThat(mobile.getList(mobile.fieldIndex("products_viewed"))).containsExactly(1L);
    assertThat(mobile.getJavaMap(mobile.fieldIndex("event_counts")))
        .isEqualTo(Map.of("ViewContent", 1, "AddToCart", 1, "Purchase", 1));
    Row b = sessions.get(2);
    assertThat(b.<Integer>getAs("events")).isEqualTo(2);
    assertThat(b.<Long>getAs("duration_sec")).isEqualTo(5L);
    assertThat(b.<Boolean>getAs("converted")).isFalse();
    assertThat(sessions.get(3).<Integer>getAs("events")).isEqualTo(1);

    List<Row> late =
        SessionTables.lateEvents(spark.createDataFrame(collected, collected.get(0).schema()))
            .collectAsList();
    assertThat(late).extracting(r -> r.getString(0)).containsExactlyInAnyOrder("aLate", "aLate2");
    assertThat(late).allSatisfy(r -> assertThat(r.<String>getAs("reason")).contains("watermark"));
    assertThat(
            late.stream()
                .filter(r -> r.getString(0).equals("aLate"))
                .findFirst()
                .orElseThrow()
                .<Timestamp>getAs("watermark")
                .toInstant())
        .isEqualTo(Instant.parse("2026-11-21T10:00:40Z"));

    // batch over the same events (without the two late ones, and without Z whose session is still
    // open)
    Dataset<Row> batchInput =
        SessionInput.select(batchOf(dir, l -> true)).dropDuplicates("event_id");
    List<Row> batch =
        SessionTables.sessions(
                new BatchSessionizer(config.gap(), config.maxLength()).sessions(batchInput).toDF())
            .orderBy("user_id", "device_id")
            .collectAsList();
    assertThat(comparable(batch)).isEqualTo(comparable(sessions));
  }

  @Test
  void staggerModeInStreamingGivesTheBatchRows(@TempDir Path dir) throws Exception {
    List<Row> collected =
        fileByFile(dir, decoded -> SessionsQuery.staggerSessions(decoded, config));
    // streaming drops what is behind the watermark (aLate, aLate2) and dedups b1/a2; Z's windows
    // are still open
    Dataset<Row> batchEvents = batchOf(dir, l -> l.contains("\"ok\"")).dropDuplicates("event_id");
    List<Row> batch = StaggerSessions.sessions(batchEvents, config.staggerStep()).collectAsList();
    assertThat(collected.stream().map(Row::toString).sorted().toList())
        .isEqualTo(batch.stream().map(Row::toString).sorted().toList());
    Row first =
        collected.stream()
            .filter(r -> r.getString(0).equals("A_MOB1795255200"))
            .findFirst()
            .orElseThrow();
    assertThat(first.<Integer>getAs("events")).isEqualTo(2);
    assertThat(first.<String>getAs("beginnavigation")).isEqualTo("ViewContent");
    assertThat(first.<String>getAs("endnavigation")).isEqualTo("AddToCart");
    assertThat(first.<Integer>getAs("duration_sec")).isEqualTo(20);
    assertThat(collected).hasSize(batch.size()).hasSizeGreaterThan(4);
  }

  /**
   * FILE_0..FILE_3 through a streaming query of the given transform, one file per micro-batch; its
   * output rows.
   */
  private List<Row> fileByFile(Path dir, Function<Dataset<Row>, Dataset<Row>> transform)
      throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    List<Row> collected = Collections.synchronizedList(new ArrayList<>());
    Dataset<Row> decoded =
        spark.readStream().schema(DECODED).option("maxFilesPerTrigger", 1).json(in.toString());
    StreamingQuery query =
        SessionsQuery.startWithNoDataBatches(
            spark,
            transform
                .apply(decoded)
                .writeStream()
                .option("checkpointLocation", dir.resolve("checkpoint").toString())
                .trigger(Trigger.ProcessingTime(200))
                .foreachBatch(
                    (VoidFunction2<Dataset<Row>, Long>)
                        (batch, id) -> collected.addAll(batch.collectAsList())));
    try {
      int n = 0;
      for (List<String> file : List.of(FILE_0, FILE_1, FILE_2, FILE_3)) {
        Files.writeString(
            in.resolve(String.format("%02d.json", n++)),
            String.join("\n", file),
            StandardCharsets.UTF_8);
        query.processAllAvailable();
      }
    } finally {
      query.stop();
    }
    return collected;
  }

  /**
   * The same events as one batch, without the late ones and without Z (whose session or window is
   * still open at the end of the stream), as far as {@code keep} keeps them.
   */
  private Dataset<Row> batchOf(Path dir, Predicate<String> keep) throws Exception {
    List<String> all = new ArrayList<>();
    for (List<String> f : List.of(FILE_0, FILE_1, FILE_3)) {
      f.stream()
          .filter(l -> !l.contains("Late") && !l.contains("\"Z\"") && keep.test(l))
          .forEach(all::add);
    }
    Path batchFile =
        Files.writeString(
            dir.resolve("batch.json"), String.join("\n", all), StandardCharsets.UTF_8);
    return spark.read().schema(DECODED).json(batchFile.toString());
  }

  private static Instant instant(Row r, String column) {
    return r.<Timestamp>getAs(column).toInstant();
  }

  private static Map<String, String> comparable(List<Row> rows) {
    return rows.stream()
        .collect(
            Collectors.toMap(r -> r.getString(0), Row::toString, (a, b) -> a + b, TreeMap::new));
  }
}
