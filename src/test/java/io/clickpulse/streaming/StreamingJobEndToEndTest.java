package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.batch.FlattenJob;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.generate.ClickstreamGenerator;
import io.clickpulse.dev.generate.GeneratorConfig;
import io.clickpulse.dev.generate.KinesisPutRecords;
import io.clickpulse.dev.generate.OutgoingRecord.Fault;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.dev.seed.ProductCatalog;
import io.clickpulse.dev.seed.SeedConfig;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The streaming job on the real local stack: a seeded generator run with every kind of fault, then
 * a replay of the last batch, then a shard split and a restart from the checkpoint. After each step
 * every output equals what was sent, and no total moves on replay.
 */
class StreamingJobEndToEndTest {
  private final SparkSession spark = SparkTestSession.get();

  @AfterEach
  void stopQueries() throws Exception {
    SparkTestSession.stopActiveQueries();
  }

  @Test
  void outputsEqualWhatWasSentAcrossReplayReshardAndRestart() throws Exception {
    Path batchLog =
        TestStack.PROJECT_DIR.resolve("target/test-batches-" + System.nanoTime() + ".jsonl");
    ClickpulseConfig c =
        TestStack.config(
            "--generate.count",
            "400",
            "--generate.rate",
            "0",
            "--generate.think-time",
            "200ms",
            "--generate.malformed-share",
            "0.05",
            "--generate.duplicate-share",
            "0.05",
            "--generate.late-share",
            "0.05",
            "--generate.unknown-product-share",
            "0.05",
            "--streaming.trigger-interval",
            "1s",
            "--streaming.state-partitions",
            "2",
            "--streaming.reference-refresh",
            "1h",
            "--streaming.batch-log",
            batchLog.toString());
    new Bootstrap(c, s -> {}).run();
    AwsClients clients = new AwsClients(c.aws());
    try (KinesisClient kinesis = clients.kinesis();
        DynamoDbClient dynamo = clients.dynamoDb()) {
      SendReport first = send(c, kinesis, dynamo, 42);

      StreamingQuery query = StreamingJob.start(spark, c);
      awaitInputRows(query, first.records());
      query.stop();
      Expected expected = Expected.of(List.of(first));
      verify(c, dynamo, expected);

      // replay: forget that the last batch was committed, restart; it runs again with the same
      // offsets
      long lastBatch = lastCommittedBatch(c);
      deleteCommit(c, lastBatch);
      query = StreamingJob.start(spark, c);
      awaitBatchLogged(batchLog, lastBatch, 2);
      // the batch log is written inside the batch, the commit after it: stopping in between
      // would leave the batch uncommitted, to be planned again with the data sent next
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (newestCommit(c) < lastBatch && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(newestCommit(c))
          .as("the replayed batch committed")
          .isGreaterThanOrEqualTo(lastBatch);
      query.stop();
      verify(c, dynamo, expected);

      // reshard while the job is down, send more, restart from the checkpoint
      String parent =
          kinesis.listShards(b -> b.streamName(c.stream().name())).shards().get(0).shardId();
      var range =
          kinesis.listShards(b -> b.streamName(c.stream().name())).shards().get(0).hashKeyRange();
      String middle =
          new BigInteger(range.startingHashKey())
              .add(new BigInteger(range.endingHashKey()))
              .shiftRight(1)
              .toString();
      kinesis.splitShard(
          b -> b.streamName(c.stream().name()).shardToSplit(parent).newStartingHashKey(middle));
      awaitActive(kinesis, c.stream().name());
      SendReport second = send(c, kinesis, dynamo, 43);
      query = StreamingJob.start(spark, c);
      // input rows would count the parent shard's re-read too: wait on what passed dedup instead
      awaitProcessed(
          batchLog,
          query,
          first.records()
              - first.fault(Fault.DUPLICATE)
              + second.records()
              - second.fault(Fault.DUPLICATE));
      query.stop();
      Expected both = Expected.of(List.of(first, second));
      verify(c, dynamo, both);
      flattenOfTheRawArchiveEqualsTheStreamedEvents(c, both);
    }
  }

  /**
   * FlattenJob on raw/ (the backfill path) writes the same events as the stream: every column, the
   * Kinesis origin ones included, since each raw line keeps them; a re-run changes nothing; every
   * malformed record (the non-UTF-8 ones too) goes to bad_records/ again.
   */
  private void flattenOfTheRawArchiveEqualsTheStreamedEvents(
      ClickpulseConfig c, Expected expected) {
    List<Row> beforeWithOrigin = spark.read().parquet(c.lake().uri("events")).collectAsList();
    Dataset<Row> streamed =
        spark
            .read()
            .parquet(c.lake().uri("events"))
            .drop("partition_key", "sequence_number", "arrival_time");
    List<Row> before = streamed.collectAsList();
    Row span = streamed.selectExpr("min(event_time)", "max(event_time)").first();
    Instant from = span.getTimestamp(0).toInstant().truncatedTo(ChronoUnit.HOURS);
    Instant to =
        span.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    ClickpulseConfig range =
        TestStack.plus(c, "--batch.from", from.toString(), "--batch.to", to.toString());
    long badBefore = spark.read().json(c.lake().uri("bad_records")).count();
    for (int run = 1; run <= 2; run++) {
      var result = FlattenJob.run(spark, range, s -> {});
      assertThat(result.events()).as("run " + run).isEqualTo(expected.events());
      Dataset<Row> flattened = spark.read().parquet(c.lake().uri("events"));
      // the raw line format keeps the origin: no longer null after a flatten
      assertThat(flattened.where(col("sequence_number").isNull()).count())
          .as("run " + run)
          .isZero();
      assertThat(flattened.drop("partition_key", "sequence_number", "arrival_time").collectAsList())
          .as("run " + run)
          .containsExactlyInAnyOrderElementsOf(before);
      assertThat(flattened.collectAsList())
          .as("run " + run)
          .containsExactlyInAnyOrderElementsOf(beforeWithOrigin);
      Dataset<Row> bad = spark.read().json(c.lake().uri("bad_records"));
      long malformedInRaw =
          expected.badByReason().values().stream().mapToLong(Long::longValue).sum();
      assertThat(bad.where(col("source").equalTo("flatten")).count())
          .as("run " + run)
          .isEqualTo(malformedInRaw);
      assertThat(bad.count()).as("run " + run).isEqualTo(badBefore + malformedInRaw);
    }
  }

  private static SendReport send(
      ClickpulseConfig c, KinesisClient kinesis, DynamoDbClient dynamo, long seed) {
    ClickpulseConfig seeded = ClickpulseConfig.fromArgs(withSeed(c, seed));
    return new ClickstreamGenerator(
            GeneratorConfig.from(seeded.settings()),
            ProductCatalog.scan(dynamo, c.tables().products()),
            SeedConfig.from(c.settings()).users(),
            new KinesisPutRecords(kinesis),
            c.stream().name(),
            Clock.systemUTC(),
            s -> {})
        .run();
  }

  private static List<String> withSeed(ClickpulseConfig c, long seed) {
    List<String> args = new ArrayList<>();
    c.arguments()
        .values()
        .forEach(
            (k, v) -> {
              if (!k.equals("generate.seed")) {
                args.add("--" + k);
                args.add(v);
              }
            });
    args.add("--generate.seed");
    args.add(String.valueOf(seed));
    return args;
  }

  /** Totals implied by one or more generator runs. */
  record Expected(
      long events,
      Map<String, Map<String, Long>> byProduct,
      Map<String, BigDecimal> revenue,
      Map<String, Long> badByReason,
      long rawLines) {
    @SuppressWarnings("unchecked")
    static Expected of(List<SendReport> reports) {
      long events = 0;
      long raw = 0;
      Map<String, Map<String, Long>> byProduct = new TreeMap<>();
      Map<String, BigDecimal> revenue = new TreeMap<>();
      Map<String, Long> bad = new TreeMap<>();
      for (SendReport r : reports) {
        events += r.validEvents();
        raw += r.records() - r.fault(Fault.DUPLICATE);
        ((Map<String, Map<String, Long>>) r.toMap().get("events_by_product"))
            .forEach(
                (p, m) ->
                    m.forEach(
                        (name, n) ->
                            byProduct
                                .computeIfAbsent(p, k -> new TreeMap<>())
                                .merge(name, n, Long::sum)));
        ((Map<String, BigDecimal>) r.toMap().get("revenue_by_product"))
            .forEach((p, v) -> revenue.merge(p, v, BigDecimal::add));
        bad.merge("not_json", r.fault(Fault.MALFORMED_NOT_JSON), Long::sum);
        bad.merge("not_utf8", r.fault(Fault.MALFORMED_NOT_UTF8), Long::sum);
        bad.merge("missing_field", r.fault(Fault.MALFORMED_MISSING_FIELD), Long::sum);
        bad.merge("wrong_type", r.fault(Fault.MALFORMED_WRONG_TYPE), Long::sum);
      }
      bad.values().removeIf(v -> v == 0);
      return new Expected(events, byProduct, revenue, bad, raw);
    }
  }

  private void verify(ClickpulseConfig c, DynamoDbClient dynamo, Expected expected) {
    // enriched events: one row per distinct valid event, per product and name as sent
    Dataset<Row> events = spark.read().parquet(c.lake().uri("events"));
    assertThat(events.count()).isEqualTo(expected.events());
    assertThat(events.select("event_id").distinct().count()).isEqualTo(expected.events());
    assertThat(events.columns())
        .contains("event_time", "product_name", "current_price", "product_known", "year", "hour")
        .doesNotContain("additional_data", "status", "payload");
    Map<String, Map<String, Long>> parquetByProduct = new TreeMap<>();
    for (Row r : events.groupBy("product_id", "event_name").count().collectAsList()) {
      parquetByProduct
          .computeIfAbsent(String.valueOf(r.getLong(0)), k -> new TreeMap<>())
          .put(r.getString(1), r.getLong(2));
    }
    assertThat(parquetByProduct).isEqualTo(expected.byProduct());
    assertThat(events.where(col("product_known").equalTo(false)).count()).isPositive();

    // product_demand: per product, windows summed, equal to what was sent
    Map<String, Map<String, Long>> demandByProduct = new TreeMap<>();
    Map<String, BigDecimal> demandRevenue = new TreeMap<>();
    dynamo
        .scanPaginator(b -> b.tableName(c.tables().productDemand()))
        .items()
        .forEach(
            item -> {
              String p = item.get("product_id").n();
              Map<String, Long> m = demandByProduct.computeIfAbsent(p, k -> new TreeMap<>());
              add(m, "Search", item.get("searches"));
              add(m, "ViewContent", item.get("views"));
              add(m, "AddToCart", item.get("add_to_carts"));
              add(m, "Purchase", item.get("purchases"));
              BigDecimal rev = new BigDecimal(item.get("revenue").n());
              if (rev.signum() != 0) {
                demandRevenue.merge(p, rev, BigDecimal::add);
              }
              assertThat(item)
                  .containsKeys(
                      "expires_at",
                      "demand_score",
                      "conversion_rate",
                      "unique_users",
                      "window_end");
            });
    assertThat(demandByProduct).isEqualTo(expected.byProduct());
    assertThat(demandRevenue).hasSameSizeAs(expected.revenue());
    expected
        .revenue()
        .forEach(
            (p, v) ->
                assertThat(demandRevenue.get(p)).as("revenue of " + p).isEqualByComparingTo(v));

    // bad records: one per malformed record, with its reason, payload and shard
    Dataset<Row> bad = spark.read().json(c.lake().uri("bad_records"));
    Map<String, Long> badByReason = new TreeMap<>();
    bad.groupBy("reason")
        .count()
        .collectAsList()
        .forEach(r -> badByReason.put(r.getString(0), r.getLong(1)));
    assertThat(badByReason).isEqualTo(expected.badByReason());
    assertThat(bad.where(col("shard_id").isNull()).count()).isZero();
    assertThat(bad.where(col("payload").isNull().and(col("payload_base64").isNull())).count())
        .isZero();
    assertThat(bad.where(col("reason_detail").isNull()).count()).isZero();

    // raw archive: every record once (deduplicated), one line each, non-UTF-8 ones included
    assertThat(spark.read().text(c.lake().uri("raw")).count()).isEqualTo(expected.rawLines());

    // high intent: exactly the ViewContent events above the threshold
    long intent =
        events
            .where(col("event_name").equalTo("ViewContent").and(col("percent_viewed").gt(60)))
            .count();
    assertThat(spark.read().parquet(c.lake().uri("high_intent")).count())
        .isEqualTo(intent)
        .isPositive();
  }

  private static void add(Map<String, Long> m, String name, AttributeValue v) {
    long n = Long.parseLong(v.n());
    if (n > 0) {
      m.merge(name, n, Long::sum);
    }
  }

  private static void awaitInputRows(StreamingQuery query, long expected) throws Exception {
    QueryProgress.awaitInputRows(query, expected, Duration.ofMinutes(4));
  }

  /** Waits until the batches logged (the last run of each batch id) hold this many records. */
  private static void awaitProcessed(Path log, StreamingQuery query, long records)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    long done = 0;
    while (System.nanoTime() < deadline) {
      if (query.exception().isDefined()) {
        throw query.exception().get();
      }
      Map<Long, Long> byBatch = new TreeMap<>();
      BatchLog.read(log).forEach(e -> byBatch.put(e.batchId(), e.total()));
      done = byBatch.values().stream().mapToLong(Long::longValue).sum();
      if (done >= records && !query.status().isTriggerActive()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("batches processed " + done + " of " + records + " records");
  }

  private static void awaitBatchLogged(Path log, long batchId, int times) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      long n = BatchLog.read(log).stream().filter(e -> e.batchId() == batchId).count();
      if (n >= times) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("batch " + batchId + " was not run " + times + " times");
  }

  private long lastCommittedBatch(ClickpulseConfig c) throws Exception {
    long max = newestCommit(c);
    assertThat(max).as("newest commit in the checkpoint").isGreaterThanOrEqualTo(0);
    return max;
  }

  /** The newest batch id in the checkpoint's commit log, or -1 while it holds none. */
  private long newestCommit(ClickpulseConfig c) throws Exception {
    var dir = new org.apache.hadoop.fs.Path(c.streaming().checkpoint() + "/commits");
    FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    long max = -1;
    for (var st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (name.matches("\\d+")) {
        max = Math.max(max, Long.parseLong(name));
      }
    }
    return max;
  }

  private void deleteCommit(ClickpulseConfig c, long batchId) throws Exception {
    var file = new org.apache.hadoop.fs.Path(c.streaming().checkpoint() + "/commits/" + batchId);
    FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
    assertThat(fs.delete(file, false)).isTrue();
  }

  private static void awaitActive(KinesisClient kinesis, String stream)
      throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (kinesis
          .describeStreamSummary(b -> b.streamName(stream))
          .streamDescriptionSummary()
          .streamStatusAsString()
          .equals("ACTIVE")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("stream did not become ACTIVE after the split");
  }
}
