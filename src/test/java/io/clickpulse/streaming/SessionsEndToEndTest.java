package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.batch.SessionsJob;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.generate.ClickstreamGenerator;
import io.clickpulse.dev.generate.GeneratorConfig;
import io.clickpulse.dev.generate.KinesisPutRecords;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.dev.seed.ProductCatalog;
import io.clickpulse.dev.seed.SeedConfig;
import io.clickpulse.metrics.JsonLinesMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The sessions query on the real local stack: a seeded generator run (duplicates and malformed
 * records included), then one event far ahead that moves the watermark past every session. Every
 * valid event ends up in exactly one session, in sessions/ and in the DynamoDB table; replaying the
 * last batch changes nothing; the batch re-run from raw/ rebuilds the same sessions.
 */
class SessionsEndToEndTest {
  private static final String FLUSH_USER = "9999999";
  private final SparkSession spark = SparkTestSession.get();

  @AfterEach
  void stopQueries() throws Exception {
    SparkTestSession.stopActiveQueries();
  }

  @Test
  void streamingSessionsAreCompleteSurviveReplayAndEqualTheBatchRerun() throws Exception {
    Path metrics =
        TestStack.PROJECT_DIR.resolve(
            "target/test-session-metrics-" + System.nanoTime() + ".jsonl");
    ClickpulseConfig c =
        TestStack.config(
            "--generate.count",
            "300",
            "--generate.rate",
            "0",
            "--generate.think-time",
            "500ms",
            "--generate.malformed-share",
            "0.05",
            "--generate.duplicate-share",
            "0.05",
            "--generate.late-share",
            "0",
            "--generate.unknown-product-share",
            "0.02",
            "--streaming.trigger-interval",
            "1s",
            "--streaming.state-partitions",
            "2",
            "--sessions.gap",
            "2s",
            "--sessions.max-length",
            "1min",
            "--sessions.allowed-lateness",
            "1s",
            "--sessions.metrics",
            "local",
            "--sessions.metrics-file",
            metrics.toString());
    new Bootstrap(c, s -> {}).run();
    AwsClients clients = new AwsClients(c.aws());
    try (KinesisClient kinesis = clients.kinesis();
        DynamoDbClient dynamo = clients.dynamoDb()) {
      SendReport sent =
          new ClickstreamGenerator(
                  GeneratorConfig.from(c.settings()),
                  ProductCatalog.scan(dynamo, c.tables().products()),
                  SeedConfig.from(c.settings()).users(),
                  new KinesisPutRecords(kinesis),
                  c.stream().name(),
                  Clock.systemUTC(),
                  s -> {})
              .run();
      // one event 5 min ahead: the watermark passes every generated session, so all of them close
      String flush =
          "{\"user_id\":\""
              + FLUSH_USER
              + "\",\"device_id\":\"mobile-1\",\"client_event\":\"Search\","
              + "\"client_timestamp\":\""
              + Instant.now().plus(Duration.ofMinutes(5))
              + "\"}";
      kinesis.putRecord(
          b ->
              b.streamName(c.stream().name())
                  .partitionKey(FLUSH_USER)
                  .data(SdkBytes.fromString(flush, StandardCharsets.UTF_8)));
      long records = sent.records() + 1;

      StreamingQuery main = StreamingJob.start(spark, c);
      StreamingQuery sessions = StreamingJob.startSessions(spark, c);
      QueryProgress.awaitInputRows(main, records, Duration.ofMinutes(4));
      awaitWatermarkBatch(sessions, records);
      main.stop();
      sessions.stop();

      List<String> streamed = sessionRows(c);
      assertThat(streamed).isNotEmpty();
      Dataset<Row> table = spark.read().parquet(c.lake().uri("sessions"));
      // every distinct valid event in exactly one session; the flush user's session is still open
      assertThat(table.agg(sum("events")).first().getLong(0)).isEqualTo(sent.validEvents());
      assertThat(table.where(col("user_id").equalTo(FLUSH_USER)).count()).isZero();
      assertThat(table.select("session_id").distinct().count()).isEqualTo(table.count());
      assertThat(countItems(dynamo, c)).isEqualTo(table.count());
      assertThat(spark.read().json(c.lake().uri("session_alerts")).count())
          .isEqualTo(table.where(col("duration_sec").lt(20)).count())
          .isPositive();
      long closedInMetrics =
          JsonLinesMetrics.read(metrics).stream()
              .mapToLong(
                  l -> ((Number) ((Map<?, ?>) l.get("metrics")).get("SessionsClosed")).longValue())
              .sum();
      assertThat(closedInMetrics).isEqualTo(table.count());

      // replay: forget the last commit of the sessions query, restart it: same files, same items
      long last = lastCommit(c.sessions().checkpoint());
      deleteCommit(c.sessions().checkpoint(), last);
      sessions = StreamingJob.startSessions(spark, c);
      awaitBatch(sessions, last);
      sessions.stop();
      assertThat(sessionRows(c)).isEqualTo(streamed);
      assertThat(countItems(dynamo, c)).isEqualTo(table.count());

      // batch re-run from the raw archive over the hours around the run: the same sessions
      Instant from = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
      ClickpulseConfig rerun =
          TestStack.plus(
              c,
              "--sessions.from",
              from.toString(),
              "--sessions.to",
              from.plus(Duration.ofHours(3)).toString());
      SessionsJob.Result result = SessionsJob.run(spark, rerun);
      assertThat(result.rawRecords()).isPositive();
      List<String> rebuilt = new ArrayList<>(sessionRows(c));
      rebuilt.removeIf(r -> r.contains("," + FLUSH_USER + ","));
      assertThat(rebuilt).isEqualTo(streamed);
      assertThat(result.sessions()).isEqualTo(streamed.size() + 1);
    }
  }

  /** sessions/ rows as text, sorted, without the partition columns (which follow session_start). */
  private List<String> sessionRows(ClickpulseConfig c) {
    Dataset<Row> t = spark.read().parquet(c.lake().uri("sessions"));
    return t
        .select(
            "session_id",
            "user_id",
            "device_id",
            "session_start",
            "session_end",
            "duration_sec",
            "events",
            "entry_action",
            "exit_action",
            "event_counts",
            "products_viewed",
            "converted",
            "revenue")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }

  private static long countItems(DynamoDbClient dynamo, ClickpulseConfig c) {
    long n = 0;
    for (var page : dynamo.scanPaginator(b -> b.tableName(c.tables().sessions()).select("COUNT"))) {
      n += page.count();
    }
    return n;
  }

  /**
   * Waits until the query read every record and then ran a batch without input (the watermark's).
   */
  private static void awaitWatermarkBatch(StreamingQuery q, long records) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (System.nanoTime() < deadline) {
      if (q.exception().isDefined()) {
        throw q.exception().get();
      }
      long read = 0;
      StreamingQueryProgress[] ps = q.recentProgress();
      for (StreamingQueryProgress p : ps) {
        read += p.numInputRows();
      }
      if (read >= records
          && ps.length > 0
          && ps[ps.length - 1].numInputRows() == 0
          && !q.status().isTriggerActive()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("sessions query did not catch up: " + q.lastProgress());
  }

  private static void awaitBatch(StreamingQuery q, long batchId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (q.exception().isDefined()) {
        throw q.exception().get();
      }
      for (StreamingQueryProgress p : q.recentProgress()) {
        if (p.batchId() >= batchId && !q.status().isTriggerActive()) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("batch " + batchId + " was not run again: " + q.lastProgress());
  }

  private long lastCommit(String checkpoint) throws Exception {
    var dir = new org.apache.hadoop.fs.Path(checkpoint + "/commits");
    FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    long max = -1;
    for (var st : fs.listStatus(dir)) {
      if (st.getPath().getName().matches("\\d+")) {
        max = Math.max(max, Long.parseLong(st.getPath().getName()));
      }
    }
    assertThat(max).isPositive();
    return max;
  }

  private void deleteCommit(String checkpoint, long batchId) throws Exception {
    var file = new org.apache.hadoop.fs.Path(checkpoint + "/commits/" + batchId);
    assertThat(file.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(file, false))
        .isTrue();
  }
}
