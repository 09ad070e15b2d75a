package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.enrich.EnricherChain;
import io.clickpulse.event.EventDecoder;
import io.clickpulse.event.RecordDecoding;
import io.clickpulse.runtime.SparkSessions;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.source.ShardLocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Kinesis source stores only where a batch starts, so a replay of a batch id reads up to the
 * stream's head again: more records than the first attempt, or fewer (say, a shard's records that
 * had arrived late). The batch processor is run here as a crash and a restart run it: an attempt of
 * batch N that writes and never commits, then batch N again with other records, then batch N + 1
 * with the rest. Every output must hold each record exactly once, as if the first attempt had never
 * happened: events, high intent, raw, bad records and product_demand.
 */
class ReplayReadsOtherRecordsTest {
  private static final DateTimeFormatter PIXEL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
  private static final StructType KINESIS =
      new StructType()
          .add("data", DataTypes.BinaryType)
          .add("partitionKey", DataTypes.StringType)
          .add("sequenceNumber", DataTypes.StringType)
          .add("approximateArrivalTimestamp", DataTypes.TimestampType);
  private static final Instant ARRIVAL =
      Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(30));
  // a backlog: hours no attempt records up front, only the tasks that write there mark them
  private static final Instant BACKLOG = ARRIVAL.minus(Duration.ofHours(5));

  private final SparkSession spark = SparkTestSession.get();

  @Test
  void aReplayWithFewerRecordsLeavesNothingOfTheFirstAttempt(@TempDir Path dir) throws Exception {
    List<Row> all = records(0, 60);
    // first attempt: all 60 events (half of them an hour earlier in event time) and 6 bad records;
    // the replay reads only the first 30 (this hour), and batch 4 the rest
    Lake lake = new Lake(dir);
    lake.run(concat(all, bad(0, 6)), 3);
    lake.run(all.subList(0, 30), 3);
    lake.run(concat(all.subList(30, 60), bad(6, 4)), 4);
    lake.assertHoldsExactly(all, 4);
  }

  @Test
  void aReplayWithMoreRecordsCountsEachOnce(@TempDir Path dir) throws Exception {
    List<Row> all = records(100, 60);
    Lake lake = new Lake(dir);
    lake.run(concat(all.subList(0, 10), bad(0, 2)), 7);
    lake.run(concat(all.subList(0, 45), bad(0, 5)), 7);
    lake.run(all.subList(45, 60), 8);
    lake.assertHoldsExactly(all, 5);
  }

  @Test
  void aReplayOfABacklogFindsTheFoldersItsTasksMarked(@TempDir Path dir) throws Exception {
    List<Row> all = records(200, 60, BACKLOG);
    Lake lake = new Lake(dir, BACKLOG);
    lake.run(concat(all, bad(0, 6, BACKLOG)), 3);
    lake.run(all.subList(0, 30), 3);
    lake.run(concat(all.subList(30, 60), bad(6, 4, BACKLOG)), 4);
    lake.assertHoldsExactly(all, 4);
  }

  /** A lake, demand table and attempt record of their own, and the job's processor on them. */
  private final class Lake {
    final ClickpulseConfig config = TestStack.config();
    final String root;
    final MicroBatchProcessor processor;
    final DynamoDbClient dynamo;
    final Instant arrival;

    Lake(Path dir) {
      this(dir, ARRIVAL);
    }

    Lake(Path dir, Instant arrival) {
      this.arrival = arrival;
      new Bootstrap(config, s -> {}).run();
      SparkSessions.configure(spark, config);
      root = dir.toUri().toString().endsWith("/") ? dir.toUri().toString() : dir.toUri() + "/";
      dynamo = new AwsClients(config.aws()).dynamoDb();
      DemandStore store =
          new DemandStore(dynamo, config.tables().productDemand(), Duration.ofDays(1));
      var outputs =
          MicroBatchProcessor.Outputs.under(
              d -> root + d, () -> store, () -> new ShardLocator(List.of()));
      processor =
          new MicroBatchProcessor(
              EnricherChain.none(),
              outputs,
              60,
              Duration.ofMinutes(1),
              new BatchLog(Optional.empty()),
              BatchAttempts.inCheckpoint(root + "checkpoint"));
    }

    void run(List<Row> records, long batchId) {
      Dataset<Row> kinesis = spark.createDataFrame(records, KINESIS).repartition(2);
      processor.call(
          RecordDecoding.decode(kinesis, EventDecoder.from(config.streaming())), batchId);
    }

    void assertHoldsExactly(List<Row> sent, long badRecords) {
      Dataset<Row> events = spark.read().parquet(root + "events");
      assertThat(events.count()).isEqualTo(sent.size());
      assertThat(events.select("event_id").distinct().count()).isEqualTo(sent.size());
      assertThat(spark.read().parquet(root + "high_intent").count()).isEqualTo(sent.size() / 2);
      assertThat(spark.read().text(root + "raw").count()).isEqualTo(sent.size() + badRecords);
      assertThat(spark.read().json(root + "bad_records").count()).isEqualTo(badRecords);
      long views = 0;
      for (var item :
          dynamo
              .scanPaginator(b -> b.tableName(config.tables().productDemand()).consistentRead(true))
              .items()) {
        views += Long.parseLong(item.get("views").n());
      }
      assertThat(views).as("views in product_demand").isEqualTo(sent.size());
      assertThat(
              events
                  .where(
                      col("hour")
                          .equalTo(String.format("%02d", arrival.atZone(ZoneOffset.UTC).getHour())))
                  .count())
          .isEqualTo(sent.size() / 2);
    }
  }

  /**
   * ViewContent events, every other one above the high-intent threshold, half of them an hour
   * before arrival.
   */
  private static List<Row> records(int from, int n) {
    return records(from, n, ARRIVAL);
  }

  private static List<Row> records(int from, int n, Instant arrival) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      Instant t = i - from < n / 2 ? arrival.minusSeconds(60) : arrival.minus(Duration.ofHours(1));
      String json =
          String.format(
              "{\"timestamp\": \"%s\", \"user_id\": \"u%d\", \"pixel_id\": \"p1\", \"click_id\": \"click-%05d\", "
                  + "\"insertion_timestamp\": \"%s\", \"event_name\": \"ViewContent\", \"user_ip\": \"81.2.69.160\", "
                  + "\"additional_data\": {\"time_on_data\": 10, \"percent_viewed\": %d, \"product_id\": %d, \"price\": 10.5}}",
              PIXEL_TIME.format(t),
              i % 7,
              i,
              PIXEL_TIME.format(t),
              i % 2 == 0 ? 90 : 20,
              100001 + i % 3);
      rows.add(kinesisRow(json, i, arrival));
    }
    return rows;
  }

  private static List<Row> bad(int from, int n) {
    return bad(from, n, ARRIVAL);
  }

  private static List<Row> bad(int from, int n, Instant arrival) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      rows.add(kinesisRow("{not json " + i, 90_000 + i, arrival));
    }
    return rows;
  }

  private static Row kinesisRow(String payload, int i, Instant arrival) {
    return RowFactory.create(
        payload.getBytes(StandardCharsets.UTF_8),
        "pk-" + i,
        String.format("%030d", i),
        Timestamp.from(arrival));
  }

  private static List<Row> concat(List<Row> a, List<Row> b) {
    List<Row> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
