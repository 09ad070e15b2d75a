package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.SparkTestSession;
import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.enrich.EnricherChain;
import io.clickpulse.source.ShardLocator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the demand query beside it, the lake query runs in the session's task slots less the
 * reserved ones (streaming.demand-reserved-slots), so that a demand batch never waits for a lake
 * task to end; what the lake query writes does not change.
 */
class LakeTaskLimitTest {
  private static final Instant ARRIVAL = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void onlyTheSeparateDemandPathReservesSlotsAndTheLakeKeepsOne() {
    // the test session is local[2]
    assertThat(limit("--streaming.demand-path", "separate")).contains(new LakeTaskLimit(1));
    assertThat(limit("--streaming.demand-path", "in-batch")).isEmpty();
    assertThat(
            limit("--streaming.demand-path", "separate", "--streaming.demand-reserved-slots", "0"))
        .isEmpty();
    assertThat(
            limit("--streaming.demand-path", "separate", "--streaming.demand-reserved-slots", "5"))
        .as("more reserved than the session has")
        .contains(new LakeTaskLimit(1));
    assertThatThrownBy(() -> new LakeTaskLimit(0)).hasMessageContaining("at least 1 task");
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
    List<Row> rows = KinesisRows.events("limit", 0, 60, "ViewContent", ARRIVAL);
    spark
        .createDataFrame(rows, KinesisRows.SCHEMA)
        .repartition(4)
        .write()
        .parquet(dir.resolve("in").toString());

    List<Integer> tasks = new CopyOnWriteArrayList<>();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onStageSubmitted(SparkListenerStageSubmitted stage) {
            if (stage.properties() != null
                && StreamingJob.QUERY_NAME.equals(
                    stage.properties().getProperty("spark.scheduler.pool"))) {
              tasks.add(stage.stageInfo().numTasks());
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      StreamingQuery q =
          StreamingJob.start(
              spark,
              c,
              spark
                  .readStream()
                  .schema(KinesisRows.SCHEMA)
                  .option("maxFilesPerTrigger", 4)
                  .parquet(dir.resolve("in").toString()),
              EnricherChain.none(),
              outputs,
              Trigger.AvailableNow());
      q.awaitTermination();
      assertThat(q.exception().isDefined()).as("query failure").isFalse();
      spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertThat(spark.read().parquet(lake + "events").count()).isEqualTo(60);
    assertThat(spark.read().text(lake + "raw").count()).isEqualTo(60);
    return List.copyOf(tasks);
  }

  private Optional<LakeTaskLimit> limit(String... args) {
    return LakeTaskLimit.of(spark, TestStack.config(args).streaming());
  }
}
