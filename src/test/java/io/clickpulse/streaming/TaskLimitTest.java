package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.SparkTestSession;
import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.alert.AlertSinks;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.enrich.EnricherChain;
import io.clickpulse.event.EventDecoder;
import io.clickpulse.event.RecordDecoding;
import io.clickpulse.metrics.MetricsSinks;
import io.clickpulse.session.SessionStore;
import io.clickpulse.source.ShardLocator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * With the demand query beside them, the lake and sessions queries run in the session's task slots
 * less the reserved ones (streaming.demand-reserved-slots), so that a demand batch does not wait
 * for their tasks to end; what they write does not change.
 */
class TaskLimitTest {
  private static final Instant ARRIVAL = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void onlyTheSeparateDemandPathReservesSlotsAndEachQueryBesideItKeepsOne() {
    // the test session is local[2]
    assertThat(limit(1, "--streaming.demand-path", "separate")).isEqualTo(new TaskLimit(1));
    assertThat(limit(2, "--streaming.demand-path", "separate"))
        .as("lake and sessions: one slot left for two queries, which take turns")
        .isEqualTo(new TaskLimit(1, true));
    assertThat(limit(1, "--streaming.demand-path", "in-batch")).isEqualTo(TaskLimit.none());
    assertThat(
            limit(
                1, "--streaming.demand-path", "separate", "--streaming.demand-reserved-slots", "0"))
        .isEqualTo(TaskLimit.none());
    assertThat(
            limit(
                1, "--streaming.demand-path", "separate", "--streaming.demand-reserved-slots", "5"))
        .as("more reserved than the session has")
        .isEqualTo(new TaskLimit(1));
    assertThatThrownBy(() -> new TaskLimit(-1)).hasMessageContaining("0 (none) or more");
    assertThat(TaskLimit.none().limits()).isFalse();
  }

  @Test
  void queriesThatTakeTurnsNeverRunTheirBatchesAtOnce() throws Exception {
    Dataset<Row> rows = spark.range(4).toDF().repartition(2);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    VoidFunction2<Dataset<Row>, Long> batch =
        (b, id) -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          assertThat(b.rdd().getNumPartitions()).isEqualTo(1);
          Thread.sleep(100);
          running.decrementAndGet();
        };
    // the lake and the sessions query, each with its own limit, batches at the same time
    runTogether(new TaskLimit(1, true).batches(batch), new TaskLimit(1, true).batches(batch), rows);
    assertThat(most.get()).as("batches running at once").isEqualTo(1);

    // without turns the two run at once: each waits until the other has started
    CountDownLatch both = new CountDownLatch(2);
    VoidFunction2<Dataset<Row>, Long> meet =
        (b, id) -> {
          both.countDown();
          assertThat(both.await(10, TimeUnit.SECONDS)).as("the other batch runs too").isTrue();
        };
    runTogether(new TaskLimit(1).batches(meet), new TaskLimit(1).batches(meet), rows);
  }

  private static void runTogether(
      VoidFunction2<Dataset<Row>, Long> a, VoidFunction2<Dataset<Row>, Long> b, Dataset<Row> rows)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (long id = 0; id < 3; id++) {
        long batchId = id;
        runs.add(
            pool.submit(
                () -> {
                  a.call(rows, batchId);
                  return null;
                }));
        runs.add(
            pool.submit(
                () -> {
                  b.call(rows, batchId);
                  return null;
                }));
      }
      for (Future<?> f : runs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noLimitLeavesTheRowsAndTheProcessorAsTheyAre() {
    Dataset<Row> rows = spark.range(10).toDF().repartition(3);
    VoidFunction2<Dataset<Row>, Long> processor = (batch, id) -> {};
    assertThat(TaskLimit.none().read(rows)).isSameAs(rows);
    assertThat(TaskLimit.none().batches(processor)).isSameAs(processor);
    assertThat(new TaskLimit(2).read(rows).rdd().getNumPartitions()).isEqualTo(2);
  }

  @Test
  void theLakeQueryRunsEveryStageInTheSlotsLeftAndWritesEveryEvent(@TempDir Path dir)
      throws Exception {
    List<Integer> limited = lakeStageTasks(dir.resolve("limited"), "1");
    assertThat(limited).isNotEmpty().allSatisfy(tasks -> assertThat(tasks).isEqualTo(1));
    // the same input without a reservation: the read and the dedup state run in parallel
    List<Integer> unlimited = lakeStageTasks(dir.resolve("unlimited"), "0");
    assertThat(unlimited).anySatisfy(tasks -> assertThat(tasks).isGreaterThan(1));
  }

  /** The task counts of the lake query's stages over 60 events in 4 files, 4 dedup partitions. */
  private List<Integer> lakeStageTasks(Path dir, String reserved) throws Exception {
    ClickpulseConfig c =
        TestStack.config(
            "--streaming.demand-path",
            "separate",
            "--streaming.demand-reserved-slots",
            reserved,
            "--streaming.state-partitions",
            "4",
            "--streaming.checkpoint",
            dir.resolve("checkpoint").toUri().toString());
    new Bootstrap(c, s -> {}).run();
    DemandStore store =
        new DemandStore(
            new AwsClients(c.aws()).dynamoDb(), c.tables().productDemand(), Duration.ofDays(1));
    String lake = dir.resolve("lake").toUri() + "/";
    MicroBatchProcessor.Outputs outputs =
        MicroBatchProcessor.Outputs.under(
            d -> lake + d, () -> store, () -> new ShardLocator(List.of()));
    writeInput(dir);
    List<Integer> tasks =
        stageTasks(
            StreamingJob.QUERY_NAME,
            () -> {
              StreamingQuery q =
                  StreamingJob.start(
                      spark, c, input(dir), EnricherChain.none(), outputs, Trigger.AvailableNow());
              q.awaitTermination();
              assertThat(q.exception().isDefined()).as("query failure").isFalse();
            });
    assertThat(spark.read().parquet(lake + "events").count()).isEqualTo(60);
    assertThat(spark.read().text(lake + "raw").count()).isEqualTo(60);
    return tasks;
  }

  @Test
  void theSessionsQueryRunsEveryStageInTheSlotsLeft(@TempDir Path dir) throws Exception {
    ClickpulseConfig c =
        TestStack.config(
            "--streaming.trigger-interval",
            "1s",
            "--streaming.state-partitions",
            "4",
            "--sessions.checkpoint",
            dir.resolve("sessions-checkpoint").toUri().toString());
    new Bootstrap(c, s -> {}).run();
    writeInput(dir);
    DynamoDbClient dynamo = new AwsClients(c.aws()).dynamoDb();
    List<Integer> tasks =
        stageTasks(
            SessionsQuery.QUERY_NAME,
            () -> {
              StreamingQuery q =
                  SessionsQuery.start(
                      spark,
                      c,
                      RecordDecoding.decode(input(dir), EventDecoder.from(c.streaming())),
                      new SessionStore(dynamo, c.tables().sessions(), c.sessions().ttl()),
                      AlertSinks.from(c.alerts(), c.aws()),
                      MetricsSinks.from(c.sessions(), c.aws()),
                      new TaskLimit(1));
              try {
                q.processAllAvailable();
                assertThat(q.exception().isDefined()).as("query failure").isFalse();
                long read =
                    Arrays.stream(q.recentProgress()).mapToLong(p -> p.numInputRows()).sum();
                assertThat(read).isEqualTo(60);
              } finally {
                q.stop();
              }
            });
    assertThat(tasks).isNotEmpty().allSatisfy(n -> assertThat(n).isEqualTo(1));
  }

  private void writeInput(Path dir) {
    List<Row> rows = KinesisRows.events("limit", 0, 60, "ViewContent", ARRIVAL);
    spark
        .createDataFrame(rows, KinesisRows.SCHEMA)
        .repartition(4)
        .write()
        .parquet(dir.resolve("in").toString());
  }

  /** 60 events in 4 files, read in one batch of 4 partitions. */
  private Dataset<Row> input(Path dir) {
    return spark
        .readStream()
        .schema(KinesisRows.SCHEMA)
        .option("maxFilesPerTrigger", 4)
        .parquet(dir.resolve("in").toString());
  }

  interface Run {
    void run() throws Exception;
  }

  /**
   * The task count of each stage submitted in scheduler pool {@code pool} while {@code run} runs.
   */
  private List<Integer> stageTasks(String pool, Run run) throws Exception {
    List<Integer> tasks = new CopyOnWriteArrayList<>();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onStageSubmitted(SparkListenerStageSubmitted stage) {
            if (stage.properties() != null
                && pool.equals(stage.properties().getProperty("spark.scheduler.pool"))) {
              tasks.add(stage.stageInfo().numTasks());
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      run.run();
      spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    return List.copyOf(tasks);
  }

  private TaskLimit limit(int queries, String... args) {
    return TaskLimit.besideDemand(spark, TestStack.config(args).streaming(), queries);
  }
}
