package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.ManagedProcess;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.dev.local.TestTraffic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Each emulator (Kinesis, DynamoDB, S3) is frozen with SIGSTOP for a few seconds while the job runs
 * and records keep coming, then resumed with SIGCONT: the job waits (it must not drop or double
 * anything while a dependency hangs) and the totals equal what was sent.
 */
class EmulatorFreezeTest {
  private static final Duration FREEZE = Duration.ofSeconds(6);
  private final SparkSession spark = SparkTestSession.get();

  @AfterEach
  void stopQueries() throws Exception {
    SparkTestSession.stopActiveQueries();
  }

  @Test
  void totalsAreExactAfterEachEmulatorFreezesMidRun() throws Exception {
    Path batchLog =
        TestStack.PROJECT_DIR.resolve("target/freeze-batches-" + System.nanoTime() + ".jsonl");
    ClickpulseConfig c =
        TestStack.config(
            "--generate.duplicate-share",
            "0.05",
            "--streaming.trigger-interval",
            "1s",
            "--streaming.batch-log",
            batchLog.toString(),
            "--streaming.reference-refresh",
            "1h");
    new Bootstrap(c, s -> {}).run();
    AwsClients clients = new AwsClients(c.aws());
    try (KinesisClient kinesis = clients.kinesis();
        DynamoDbClient dynamo = clients.dynamoDb()) {
      StreamingQuery query = StreamingJob.start(spark, c);
      CompletableFuture<SendReport> traffic =
          CompletableFuture.supplyAsync(
              () ->
                  TestTraffic.send(
                      c,
                      kinesis,
                      dynamo,
                      "--generate.rate",
                      "80",
                      "--generate.count",
                      "1600",
                      "--generate.seed",
                      "5"));
      for (String emulator : List.of("dynamodb", "s3", "kinesis")) {
        Thread.sleep(3_000);
        freeze(emulator);
        assertThat(query.isActive()).as("query alive after " + emulator + " froze").isTrue();
      }
      SendReport sent = traffic.get(5, TimeUnit.MINUTES);
      QueryProgress.awaitInputRows(query, sent.records(), Duration.ofMinutes(4));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (query.status().isTriggerActive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      query.stop();

      long views = 0;
      for (var item :
          dynamo
              .scanPaginator(b -> b.tableName(c.tables().productDemand()).consistentRead(true))
              .items()) {
        views += Long.parseLong(item.get("views").n());
      }
      assertThat(views).isEqualTo(sent.eventsByName().getOrDefault("ViewContent", 0L));
      var events = spark.read().parquet(c.lake().uri("events"));
      assertThat(events.count()).isEqualTo(sent.validEvents());
      assertThat(events.select("event_id").distinct().count()).isEqualTo(sent.validEvents());
    }
  }

  /** SIGSTOP the emulator's processes for {@link #FREEZE}, then SIGCONT. */
  private static void freeze(String name) throws Exception {
    ManagedProcess p =
        TestStack.get().processes().stream()
            .filter(m -> m.name().equals(name))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no emulator named " + name + " in the test stack"));
    List<String> pids = new ArrayList<>();
    ProcessHandle handle = p.handle().orElseThrow();
    Stream.concat(Stream.of(handle), handle.descendants())
        .forEach(h -> pids.add(String.valueOf(h.pid())));
    signal("STOP", pids);
    try {
      Thread.sleep(FREEZE.toMillis());
    } finally {
      signal("CONT", pids);
    }
  }

  private static void signal(String signal, List<String> pids) throws Exception {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    command.addAll(pids);
    assertThat(new ProcessBuilder(command).inheritIO().start().waitFor())
        .as("kill -" + signal + " " + pids)
        .isZero();
  }
}
