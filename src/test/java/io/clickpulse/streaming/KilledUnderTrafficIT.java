package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.SparkSubmitLauncher;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.dev.local.TestTraffic;
import io.clickpulse.runtime.SparkSessions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The fault suite of issue #17: the job as users run it (spark-submit on the job jar) is killed
 * with SIGKILL at several points of a batch while the generator keeps sending, and restarted from
 * its checkpoint each time. The Kinesis source stores only where a batch starts, so each replay
 * reads more records than the attempt that was killed. Afterwards every total equals what was sent:
 * product_demand views, purchases and revenue, and the events table holds each valid event exactly
 * once.
 */
class KilledUnderTrafficIT {
  private final SparkSession spark = SparkTestSession.get();

  /** Where in a batch the job is killed, told from the checkpoint and the batch log. */
  enum KillPoint {
    /** The offsets of a new batch are written, its outputs not yet begun. */
    RIGHT_AFTER_THE_OFFSET_WRITE,
    /** Half a batch's usual duration after its offsets: outputs are being written. */
    MID_WRITE,
    /** The batch logged its outputs (the last step inside it), its commit not yet written. */
    AFTER_OUTPUTS_BEFORE_THE_COMMIT
  }

  @Test
  void totalsEqualWhatWasSentAfterKillsAtSeveralPointsUnderLiveTraffic() throws Exception {
    Path dir = TestStack.PROJECT_DIR.resolve("target/killed-under-traffic-" + System.nanoTime());
    Files.createDirectories(dir);
    Path batchLog = dir.resolve("batches.jsonl");
    Path checkpoint = dir.resolve("checkpoint");
    ClickpulseConfig c =
        TestStack.config(
            "--generate.duplicate-share",
            "0.05",
            "--generate.malformed-share",
            "0.02",
            "--streaming.trigger-interval",
            "1s",
            // product_demand from the demand query of its own (the deployed default), killed at
            // whatever point of its own batches the lake query's kill points fall on
            "--streaming.demand-path",
            "separate",
            "--streaming.batch-log",
            batchLog.toString(),
            "--streaming.checkpoint",
            checkpoint.toUri().toString(),
            "--sessions.enabled",
            "false");
    new Bootstrap(c, s -> {}).run();
    List<String> jobArgs = TestTraffic.jobArguments(c);
    SparkSubmitLauncher launcher = new SparkSubmitLauncher(TestStack.PROJECT_DIR, "local[2]", "2g");
    AwsClients clients = new AwsClients(c.aws());
    try (KinesisClient kinesis = clients.kinesis();
        DynamoDbClient dynamo = clients.dynamoDb()) {
      // traffic for the whole run: about 80 events/s, through every kill and restart
      Traffic traffic = new Traffic(c, kinesis, dynamo);
      int run = 1;
      Process job =
          launcher.start(StreamingJob.class.getName(), jobArgs, dir.resolve("job-" + run + ".log"));
      try {
        for (KillPoint point : KillPoint.values()) {
          awaitKillPoint(point, checkpoint, batchLog, job, dir.resolve("job-" + run + ".log"));
          job.destroyForcibly(); // SIGKILL
          assertThat(job.waitFor(30, TimeUnit.SECONDS)).isTrue();
          run++;
          job =
              launcher.start(
                  StreamingJob.class.getName(), jobArgs, dir.resolve("job-" + run + ".log"));
        }
        traffic.stop();
        Path log = dir.resolve("job-" + run + ".log");
        Process last = job;
        await(
            "product_demand views reach what was sent; log " + log,
            last,
            () -> demand(dynamo, c, "views").longValue() >= traffic.events("ViewContent"));
        awaitIdle(checkpoint, last, log);
        assertThat(traffic.runs()).as("generator runs during the kills").isGreaterThan(3);
        assertThat(demand(dynamo, c, "views").longValue()).isEqualTo(traffic.events("ViewContent"));
        assertThat(demand(dynamo, c, "purchases").longValue())
            .isEqualTo(traffic.events("Purchase"));
        assertThat(demand(dynamo, c, "add_to_carts").longValue())
            .isEqualTo(traffic.events("AddToCart"));
        assertThat(demand(dynamo, c, "revenue")).isEqualByComparingTo(traffic.revenue());

        SparkSessions.configure(spark, c);
        Dataset<Row> events = spark.read().parquet(c.lake().uri("events"));
        assertThat(events.count()).as("events").isEqualTo(traffic.validEvents());
        assertThat(events.select("event_id").distinct().count())
            .as("distinct events")
            .isEqualTo(traffic.validEvents());
        assertThat(replays(batchLog)).as("batches that ran more than once").isPositive();
      } finally {
        traffic.stop();
        job.destroy();
        job.waitFor(60, TimeUnit.SECONDS);
        job.destroyForcibly();
      }
    }
  }

  private static void awaitKillPoint(
      KillPoint point, Path checkpoint, Path batchLog, Process job, Path log) throws Exception {
    long newest = newest(checkpoint.resolve("offsets"));
    switch (point) {
      case RIGHT_AFTER_THE_OFFSET_WRITE ->
          await(
              point + "; log " + log,
              job,
              () ->
                  newest(checkpoint.resolve("offsets")) > newest
                      && newest(checkpoint.resolve("offsets"))
                          > newest(checkpoint.resolve("commits")));
      case MID_WRITE -> {
        await(
            point + "; log " + log,
            job,
            () ->
                !BatchLog.read(batchLog).isEmpty()
                    && newest(checkpoint.resolve("offsets")) > newest
                    && newest(checkpoint.resolve("offsets"))
                        > newest(checkpoint.resolve("commits")));
        // a small batch on s3proxy takes 3-6 s, about 1 s of it before the outputs begin
        Thread.sleep(1500);
      }
      case AFTER_OUTPUTS_BEFORE_THE_COMMIT ->
          await(
              point + "; log " + log,
              job,
              () -> {
                List<BatchLog.Entry> entries = BatchLog.read(batchLog);
                if (entries.isEmpty()) {
                  return false;
                }
                long logged = entries.get(entries.size() - 1).batchId();
                return logged > newest && logged > newest(checkpoint.resolve("commits"));
              });
    }
  }

  private static void await(String what, Process job, BooleanSupplier done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      assertThat(job.isAlive()).as("job alive while waiting for " + what).isTrue();
      if (done.getAsBoolean()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  /** Waits until every planned batch is committed and no new one comes for a few triggers. */
  private static void awaitIdle(Path checkpoint, Process job, Path log) throws Exception {
    long quietSince = System.nanoTime();
    long last = -2;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(6)) {
      assertThat(System.nanoTime()).as("job idle; log " + log).isLessThan(deadline);
      assertThat(job.isAlive()).as("job alive; log " + log).isTrue();
      long offsets = newest(checkpoint.resolve("offsets"));
      if (offsets != last || newest(checkpoint.resolve("commits")) < offsets) {
        last = offsets;
        quietSince = System.nanoTime();
      }
      Thread.sleep(250);
    }
  }

  /** The newest batch id in a checkpoint log folder (offsets/ or commits/), -1 if none. */
  private static long newest(Path folder) {
    if (!Files.isDirectory(folder)) {
      return -1;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d+"))
          .mapToLong(Long::parseLong)
          .max()
          .orElse(-1);
    } catch (IOException e) {
      return -1; // listed while the job renames a file: look again
    }
  }

  private static long replays(Path batchLog) {
    List<BatchLog.Entry> entries = BatchLog.read(batchLog);
    return entries.size() - entries.stream().map(BatchLog.Entry::batchId).distinct().count();
  }

  private static BigDecimal demand(DynamoDbClient dynamo, ClickpulseConfig c, String attribute) {
    BigDecimal sum = BigDecimal.ZERO;
    for (var item :
        dynamo
            .scanPaginator(b -> b.tableName(c.tables().productDemand()).consistentRead(true))
            .items()) {
      sum = sum.add(new BigDecimal(item.get(attribute).n()));
    }
    return sum;
  }

  /**
   * The generator in runs of 400 events at 80 events/s, each run with its own seed, until stopped.
   */
  private static final class Traffic {
    private final List<SendReport> reports = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Void> done;

    Traffic(ClickpulseConfig c, KinesisClient kinesis, DynamoDbClient dynamo) {
      done =
          CompletableFuture.runAsync(
              () -> {
                for (long seed = 1; !stopping.get(); seed++) {
                  reports.add(send(c, kinesis, dynamo, seed));
                }
              });
    }

    void stop() throws Exception {
      stopping.set(true);
      done.get(2, TimeUnit.MINUTES);
    }

    int runs() {
      return reports.size();
    }

    long events(String name) {
      return reports.stream().mapToLong(r -> r.eventsByName().getOrDefault(name, 0L)).sum();
    }

    long validEvents() {
      return reports.stream().mapToLong(SendReport::validEvents).sum();
    }

    @SuppressWarnings("unchecked")
    BigDecimal revenue() {
      return reports.stream()
          .flatMap(
              r -> ((Map<String, Object>) r.toMap().get("revenue_by_product")).values().stream())
          .map(v -> new BigDecimal(v.toString()))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static SendReport send(
        ClickpulseConfig c, KinesisClient kinesis, DynamoDbClient dynamo, long seed) {
      return TestTraffic.send(
          c,
          kinesis,
          dynamo,
          "--generate.rate",
          "80",
          "--generate.count",
          "400",
          "--generate.seed",
          String.valueOf(seed));
    }
  }
}
