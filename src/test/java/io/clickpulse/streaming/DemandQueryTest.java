package io.clickpulse.streaming;

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
import io.clickpulse.sink.BatchAttempts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The demand query (streaming.demand-path=separate): product_demand from its own read of the
 * stream, each event counted once across duplicates, bad records, a restart from its checkpoint and
 * replays of a batch that read other records; nothing written to the lake.
 */
class DemandQueryTest {
  private static final Instant ARRIVAL = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final SparkSession spark = SparkTestSession.get();

  @Test
  void countsEachEventOnceAcrossDuplicatesBadRecordsAndARestart(@TempDir Path dir)
      throws Exception {
    Path batchLog = dir.resolve("batches.jsonl");
    ClickpulseConfig c =
        TestStack.config(
            "--streaming.demand-path",
            "separate",
            "--streaming.demand-checkpoint",
            dir.resolve("demand-checkpoint").toUri().toString(),
            "--streaming.batch-log",
            batchLog.toString(),
            "--streaming.arrival-deciles",
            "true",
            "--streaming.demand-state-partitions",
            "3");
    new Bootstrap(c, s -> {}).run();
    DynamoDbClient dynamo = new AwsClients(c.aws()).dynamoDb();
    DemandStore store = new DemandStore(dynamo, c.tables().productDemand(), Duration.ofDays(1));
    Path input = dir.resolve("input");
    // 40 views and 10 purchases, 5 of them sent twice (a producer retry), 3 records not JSON
    List<Row> first = concat(events(0, 40, "ViewContent"), events(40, 10, "Purchase"));
    first.addAll(events(0, 5, "ViewContent"));
    first.addAll(bad(3));
    write(input.resolve("part=1"), first);
    runOnce(c, input, store);
    assertThat(total(dynamo, c, "views")).isEqualTo(40);
    assertThat(total(dynamo, c, "purchases")).isEqualTo(10);

    // after a restart from the checkpoint: 20 new views, and 10 retries of events already counted
    List<Row> second = events(100, 20, "ViewContent");
    second.addAll(events(10, 10, "ViewContent"));
    write(input.resolve("part=2"), second);
    runOnce(c, input, store);
    assertThat(total(dynamo, c, "views")).isEqualTo(60);
    assertThat(total(dynamo, c, "purchases")).isEqualTo(10);

    // its own log beside the lake query's, with the times the freshness figures are made of
    var logged = BatchLog.read(BatchLog.demandLogOf(batchLog));
    assertThat(logged).hasSize(2);
    assertThat(logged).allSatisfy(e -> assertThat(e.demandVisibleMs()).isPositive());
    assertThat(logged).allSatisfy(e -> assertThat(e.arrivalDecilesMs()).hasSize(11));
    assertThat(Files.exists(batchLog)).as("the lake query's log").isFalse();
    assertThat(Files.exists(dir.resolve("demand-checkpoint").resolve("commits"))).isTrue();
  }

  @Test
  void aReplayThatReadsOtherRecordsLeavesNothingOfTheFirstAttempt(@TempDir Path dir) {
    ClickpulseConfig c = TestStack.config();
    new Bootstrap(c, s -> {}).run();
    DynamoDbClient dynamo = new AwsClients(c.aws()).dynamoDb();
    DemandStore store = new DemandStore(dynamo, c.tables().productDemand(), Duration.ofDays(1));
    String root = dir.toUri().toString();
    DemandBatchProcessor processor =
        new DemandBatchProcessor(
            EnricherChain.none(),
            new DemandWrite(() -> store, Duration.ofMinutes(1)),
            new ArrivalDeciles(false),
            new BatchLog(Optional.empty()),
            BatchAttempts.inCheckpoint(root + "checkpoint"));
    List<Row> all = events(0, 60, "ViewContent");
    // batch 3 read 60 and crashed before its commit; its replay read 25; batch 4 the other 35
    run(processor, c, all, 3);
    run(processor, c, all.subList(0, 25), 3);
    assertThat(total(dynamo, c, "views")).isEqualTo(25);
    run(processor, c, all.subList(25, 60), 4);
    assertThat(total(dynamo, c, "views")).isEqualTo(60);
    // a replay of batch 4 that reads nothing undoes it
    run(processor, c, List.of(), 4);
    assertThat(total(dynamo, c, "views")).isEqualTo(25);
  }

  private void runOnce(ClickpulseConfig c, Path input, DemandStore store) throws Exception {
    StreamingQuery q =
        StreamingJob.startDemand(
            spark,
            c,
            spark.readStream().schema(KinesisRows.SCHEMA).parquet(input.toString()),
            EnricherChain.none(),
            () -> store,
            Trigger.AvailableNow());
    q.awaitTermination();
    assertThat(q.exception().isDefined()).as("query failure").isFalse();
    // the demand query's own state width; the session keeps the lake query's
    assertThat(q.lastProgress().stateOperators()[0].numShufflePartitions())
        .isEqualTo(c.streaming().demandStatePartitions());
    assertThat(spark.conf().get("spark.sql.shuffle.partitions"))
        .isEqualTo(String.valueOf(c.streaming().statePartitions()));
  }

  private void run(DemandBatchProcessor p, ClickpulseConfig c, List<Row> records, long batchId) {
    var kinesis = spark.createDataFrame(records, KinesisRows.SCHEMA).repartition(2);
    p.call(RecordDecoding.decode(kinesis, EventDecoder.from(c.streaming())), batchId);
  }

  private void write(Path folder, List<Row> rows) {
    spark.createDataFrame(rows, KinesisRows.SCHEMA).coalesce(1).write().parquet(folder.toString());
  }

  private static long total(DynamoDbClient dynamo, ClickpulseConfig c, String attribute) {
    long sum = 0;
    for (var item :
        dynamo
            .scanPaginator(b -> b.tableName(c.tables().productDemand()).consistentRead(true))
            .items()) {
      sum += Long.parseLong(item.get(attribute).n());
    }
    return sum;
  }

  private static List<Row> events(int from, int n, String name) {
    return KinesisRows.events("demand", from, n, name, ARRIVAL);
  }

  private static List<Row> bad(int n) {
    return KinesisRows.bad(n, ARRIVAL);
  }

  private static List<Row> concat(List<Row> a, List<Row> b) {
    List<Row> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
