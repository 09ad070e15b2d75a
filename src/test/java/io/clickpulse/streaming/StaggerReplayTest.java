package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickpulse.SparkTestSession;
import io.clickpulse.alert.JsonLinesAlertSink;
import io.clickpulse.alert.WebhookAlertSink;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.metrics.JsonLinesFile;
import io.clickpulse.session.SessionStore;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.LakeDataset;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stagger-mode batches replayed with other rows (the source re-reads to the stream's head): the
 * replay's rows replace the earlier attempt's in stagger_sessions/, stagger_session_alerts/ and the
 * DynamoDB sessions table (DynamoDB Local), also where the replay no longer writes; the alerts are
 * delivered again with the same ids.
 */
class StaggerReplayTest {
  private static final StructType STAGGER =
      new StructType()
          .add("session_id", DataTypes.StringType)
          .add("user_id", DataTypes.StringType)
          .add("device_id", DataTypes.StringType)
          .add("timeagg", DataTypes.TimestampType)
          .add("events", DataTypes.IntegerType)
          .add("beginnavigation", DataTypes.StringType)
          .add("endnavigation", DataTypes.StringType)
          .add("beginsession", DataTypes.StringType)
          .add("endsession", DataTypes.StringType)
          .add("duration_sec", DataTypes.IntegerType);
  private static final Duration STEP = Duration.ofSeconds(30);
  private static final Duration THRESHOLD = Duration.ofSeconds(20);
  private static ClickpulseConfig config;
  private static DynamoDbClient dynamo;
  private final SparkSession spark = SparkTestSession.get();

  @BeforeAll
  static void start() {
    config = TestStack.config();
    new Bootstrap(config, s -> {}).run();
    dynamo = new AwsClients(config.aws()).dynamoDb();
  }

  @AfterAll
  static void close() {
    dynamo.close();
  }

  @Test
  void aReplayWithOtherRowsLeavesNoRowItemOrAlertOfTheEarlierAttempt(@TempDir Path dir) {
    String root = dir.toUri().toString().endsWith("/") ? dir.toUri().toString() : dir.toUri() + "/";
    Path delivered = dir.resolve("alerts.jsonl");
    List<Long> published = new ArrayList<>();
    List<Map<String, Double>> metrics = new ArrayList<>();
    StaggerBatchProcessor processor =
        new StaggerBatchProcessor(
            new StaggerBatchProcessor.Outputs(
                LakeDataset.STAGGER_SESSIONS.sink(root + LakeDataset.STAGGER_SESSIONS.folder()),
                LakeDataset.STAGGER_SESSION_ALERTS.sink(
                    root + LakeDataset.STAGGER_SESSION_ALERTS.folder()),
                // a TTL far beyond these windows: DynamoDB Local's TTL sweep deletes expired items
                new SessionStore(dynamo, config.tables().sessions(), Duration.ofDays(3650)),
                new JsonLinesAlertSink(delivered),
                (job, batchId, at, values) -> {
                  published.add(batchId);
                  metrics.add(values);
                }),
            STEP,
            THRESHOLD,
            BatchAttempts.inCheckpoint(root + "checkpoint"));
    // the killed attempt: rows in two hours, two of them short; the replay: one (short) row, in the
    // first hour only; then batch 5, once and replayed with the same row
    processor.call(rows("10:00:30/5", "11:00:30/25", "11:01:00/3"), 4L);
    processor.call(rows("10:00:30/5"), 4L);
    processor.call(rows("12:00:00/2"), 5L);
    processor.call(rows("12:00:00/2"), 5L);

    Dataset<Row> stored = spark.read().parquet(root + LakeDataset.STAGGER_SESSIONS.folder());
    assertThat(stored.count()).isEqualTo(2);
    assertThat(stored.where("hour = '11'").count()).isZero();
    Dataset<Row> alertFiles = spark.read().json(root + LakeDataset.STAGGER_SESSION_ALERTS.folder());
    assertThat(alertFiles.count()).as("alert rows: the replays' only").isEqualTo(2);
    assertThat(alertFiles.where("hour = '11'").count()).isZero();

    assertThat(items().keySet().stream().filter(k -> !k.startsWith("2026-11-21T13")))
        .as("one item per window the replays wrote; the earlier attempt's others deleted")
        .containsExactlyInAnyOrder(
            "2026-11-21T10:00:30Z#MOB#stagger-30s", "2026-11-21T12:00:00Z#MOB#stagger-30s");
    Map<String, AttributeValue> item = items().get("2026-11-21T10:00:30Z#MOB#stagger-30s");
    assertThat(item.get(SessionStore.MODE).s()).isEqualTo("stagger");
    assertThat(item.get("session_id").s()).isEqualTo("20_MOB1795255230");
    assertThat(item.get("ended_at").s()).isEqualTo("2026-11-21T10:01:00Z");
    assertThat(item.get("duration_sec").n()).isEqualTo("5");
    assertThat(item.get("beginnavigation").s()).isEqualTo("Search");

    // at least once: each attempt delivers its alerts, a replay with the same ids
    List<JsonNode> lines = JsonLinesFile.read(delivered);
    List<String> ids = lines.stream().map(l -> l.get("alert_id").asText()).toList();
    List<String> starts = lines.stream().map(l -> l.get("start").asText()).toList();
    assertThat(starts)
        .containsExactly(
            "2026-11-21T10:00:30Z",
            "2026-11-21T11:01:00Z",
            "2026-11-21T10:00:30Z",
            "2026-11-21T12:00:00Z",
            "2026-11-21T12:00:00Z");
    assertThat(ids.get(2)).isEqualTo(ids.get(0));
    assertThat(ids.get(4)).isEqualTo(ids.get(3));
    assertThat(ids.stream().distinct()).hasSize(3);
    assertThat(lines.get(0).get("mode").asText()).isEqualTo("stagger");
    assertThat(lines.get(0).get("end").asText()).isEqualTo("2026-11-21T10:01:00Z");

    assertThat(published).containsExactly(4L, 4L, 5L, 5L);
    assertThat(metrics.get(0))
        .containsEntry("SessionsClosed", 3.0)
        .containsEntry("ShortSessionAlerts", 2.0)
        .containsEntry("AlertsDelivered", 2.0)
        .containsEntry("AlertDeliveryFailures", 0.0);
    assertThat(metrics.get(1)).containsEntry("SessionsClosed", 1.0);
  }

  @Test
  void aReceiverThatIsDownIsCountedAndTheBatchStillWritesEverything(@TempDir Path dir)
      throws Exception {
    String root = dir.toUri().toString().endsWith("/") ? dir.toUri().toString() : dir.toUri() + "/";
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // nothing listens there once closed
    }
    List<Map<String, Double>> metrics = new ArrayList<>();
    String table = config.tables().sessions();
    StaggerBatchProcessor processor =
        new StaggerBatchProcessor(
            new StaggerBatchProcessor.Outputs(
                LakeDataset.STAGGER_SESSIONS.sink(root + LakeDataset.STAGGER_SESSIONS.folder()),
                LakeDataset.STAGGER_SESSION_ALERTS.sink(
                    root + LakeDataset.STAGGER_SESSION_ALERTS.folder()),
                new SessionStore(dynamo, table, Duration.ofDays(3650)),
                new WebhookAlertSink(
                    URI.create("http://127.0.0.1:" + port + "/alerts"), Duration.ofSeconds(1), 2),
                (job, batchId, at, values) -> metrics.add(values)),
            STEP,
            THRESHOLD,
            BatchAttempts.inCheckpoint(root + "checkpoint"));
    processor.call(rows("13:00:00/1", "13:00:30/4", "13:01:00/25"), 7L);
    assertThat(spark.read().parquet(root + LakeDataset.STAGGER_SESSIONS.folder()).count())
        .isEqualTo(3);
    assertThat(spark.read().json(root + LakeDataset.STAGGER_SESSION_ALERTS.folder()).count())
        .isEqualTo(2);
    assertThat(items()).containsKeys("2026-11-21T13:01:00Z#MOB#stagger-30s");
    assertThat(metrics)
        .singleElement()
        .satisfies(
            m ->
                assertThat(m)
                    .containsEntry("ShortSessionAlerts", 2.0)
                    .containsEntry("AlertsDelivered", 0.0)
                    .containsEntry("AlertDeliveryFailures", 2.0));
  }

  /** The table's items of user 20, by sort key (the other test's windows are at 13:00). */
  private static Map<String, Map<String, AttributeValue>> items() {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
    dynamo
        .scanPaginator(b -> b.tableName(config.tables().sessions()))
        .items()
        .forEach(i -> out.put(i.get("session_start").s(), i));
    return out;
  }

  /** Rows of user 20 on device MOB, each "HH:mm:ss/duration" (window start, seconds). */
  private Dataset<Row> rows(String... specs) {
    List<Row> rows = new ArrayList<>();
    for (String spec : specs) {
      String[] p = spec.split("/");
      Instant at = Instant.parse("2026-11-21T" + p[0] + "Z");
      rows.add(
          RowFactory.create(
              "20_MOB" + at.getEpochSecond(),
              "20",
              "MOB",
              Timestamp.from(at),
              3,
              "Search",
              "ViewContent",
              "00:31.000",
              "00:36.000",
              Integer.parseInt(p[1])));
    }
    return spark.createDataFrame(rows, STAGGER).repartition(2);
  }
}
