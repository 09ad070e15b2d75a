package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job started over on a new checkpoint (as the start-up check's message suggests when a folder
 * belongs to another query) counts its batches from 0 again. Its batch 0 writes into the same hour
 * folders as the earlier checkpoint's batch 0: the earlier events, raw lines and bad records must
 * all stay in the lake (file names carry the query id, which Spark keeps per checkpoint).
 */
class NewCheckpointSameLakeTest {
  private static final Instant ARRIVAL = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void aQueryOnANewCheckpointKeepsTheEarlierQuerysFiles(@TempDir Path dir) throws Exception {
    ClickpulseConfig c = TestStack.config();
    new Bootstrap(c, s -> {}).run();
    DemandStore store =
        new DemandStore(
            new AwsClients(c.aws()).dynamoDb(), c.tables().productDemand(), Duration.ofDays(1));
    String lake = dir.resolve("lake").toUri().toString();
    MicroBatchProcessor.Outputs outputs =
        MicroBatchProcessor.Outputs.under(
            d -> lake + d, () -> store, () -> new ShardLocator(List.of()));

    List<Row> first = new ArrayList<>(KinesisRows.events("first", 0, 30, "ViewContent", ARRIVAL));
    first.addAll(KinesisRows.bad(2, ARRIVAL));
    runOnce(dir.resolve("in-1"), first, dir.resolve("checkpoint-1"), outputs);
    List<Row> second = KinesisRows.events("second", 0, 20, "ViewContent", ARRIVAL);
    runOnce(dir.resolve("in-2"), second, dir.resolve("checkpoint-2"), outputs);

    assertThat(spark.read().parquet(lake + "events").count()).isEqualTo(50);
    assertThat(spark.read().text(lake + "raw").count()).isEqualTo(52);
    assertThat(spark.read().json(lake + "bad_records").count()).isEqualTo(2);
  }

  private void runOnce(
      Path input, List<Row> rows, Path checkpoint, MicroBatchProcessor.Outputs outputs)
      throws Exception {
    spark.createDataFrame(rows, KinesisRows.SCHEMA).coalesce(1).write().parquet(input.toString());
    // the same lake, demand table and stream; only the checkpoint is new
    ClickpulseConfig run =
        TestStack.config("--streaming.checkpoint", checkpoint.toUri().toString());
    StreamingQuery q =
        StreamingJob.start(
            spark,
            run,
            spark.readStream().schema(KinesisRows.SCHEMA).parquet(input.toString()),
            EnricherChain.none(),
            outputs,
            Trigger.AvailableNow());
    q.awaitTermination();
    assertThat(q.exception().isDefined()).as("query failure").isFalse();
  }
}
