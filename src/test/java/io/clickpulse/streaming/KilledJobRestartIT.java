package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.generate.OutgoingRecord.Fault;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.SparkSubmitLauncher;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.dev.local.TestTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The job as users run it (spark-submit on the job jar) is killed with SIGKILL while records are
 * arriving, then restarted from its checkpoint: the demand totals equal what was sent.
 */
class KilledJobRestartIT {

  @Test
  void demandTotalsSurviveASigkillAndRestart() throws Exception {
    Path dir = TestStack.PROJECT_DIR.resolve("target/killed-job-" + System.nanoTime());
    Files.createDirectories(dir);
    Path batchLog = dir.resolve("batches.jsonl");
    ClickpulseConfig c =
        TestStack.config(
            "--generate.rate",
            "0",
            "--generate.duplicate-share",
            "0.05",
            "--streaming.trigger-interval",
            "1s",
            "--streaming.batch-log",
            batchLog.toString());
    new Bootstrap(c, s -> {}).run();
    List<String> jobArgs = TestTraffic.jobArguments(c);
    SparkSubmitLauncher launcher = new SparkSubmitLauncher(TestStack.PROJECT_DIR, "local[2]", "2g");
    AwsClients clients = new AwsClients(c.aws());
    try (KinesisClient kinesis = clients.kinesis();
        DynamoDbClient dynamo = clients.dynamoDb()) {
      Process job = launcher.start(StreamingJob.class.getName(), jobArgs, dir.resolve("job-1.log"));
      SendReport first = send(c, kinesis, dynamo, 300, 1);
      awaitProcessed(
          batchLog, first.records() - first.fault(Fault.DUPLICATE), job, dir.resolve("job-1.log"));
      SendReport second = send(c, kinesis, dynamo, 300, 2);
      job.destroyForcibly(); // SIGKILL, wherever it is
      assertThat(job.waitFor(30, TimeUnit.SECONDS)).isTrue();

      Process restarted =
          launcher.start(StreamingJob.class.getName(), jobArgs, dir.resolve("job-2.log"));
      try {
        long expectedRecords =
            first.records()
                - first.fault(Fault.DUPLICATE)
                + second.records()
                - second.fault(Fault.DUPLICATE);
        awaitDemandViews(dynamo, c, first, second, restarted, dir.resolve("job-2.log"));
        long views = 0;
        long purchases = 0;
        for (var item :
            dynamo.scanPaginator(b -> b.tableName(c.tables().productDemand())).items()) {
          views += Long.parseLong(item.get("views").n());
          purchases += Long.parseLong(item.get("purchases").n());
        }
        assertThat(views).isEqualTo(sum(first, second, "ViewContent"));
        assertThat(purchases).isEqualTo(sum(first, second, "Purchase"));
        assertThat(expectedRecords).isPositive();
      } finally {
        restarted.destroy();
        restarted.waitFor(60, TimeUnit.SECONDS);
        restarted.destroyForcibly();
      }
    }
  }

  private static long sum(SendReport a, SendReport b, String name) {
    return a.eventsByName().getOrDefault(name, 0L) + b.eventsByName().getOrDefault(name, 0L);
  }

  private static SendReport send(
      ClickpulseConfig c, KinesisClient kinesis, DynamoDbClient dynamo, int count, long seed) {
    return TestTraffic.send(
        c,
        kinesis,
        dynamo,
        "--generate.count",
        String.valueOf(count),
        "--generate.seed",
        String.valueOf(seed));
  }

  private static void awaitProcessed(Path batchLog, long records, Process job, Path log)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      assertThat(job.isAlive()).as("job alive; log " + log).isTrue();
      long done = BatchLog.read(batchLog).stream().mapToLong(BatchLog.Entry::total).sum();
      if (done >= records) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the job did not process " + records + " records; log " + log);
  }

  private static void awaitDemandViews(
      DynamoDbClient dynamo, ClickpulseConfig c, SendReport a, SendReport b, Process job, Path log)
      throws Exception {
    long expected = sum(a, b, "ViewContent");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    long views = -1;
    while (System.nanoTime() < deadline) {
      assertThat(job.isAlive()).as("restarted job alive; log " + log).isTrue();
      views = 0;
      for (var item :
          dynamo.scanPaginator(bb -> bb.tableName(c.tables().productDemand())).items()) {
        views += Long.parseLong(item.get("views").n());
      }
      if (views >= expected) {
        Thread.sleep(3000); // a double count would show up as a later overshoot
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("views reached " + views + " of " + expected + "; log " + log);
  }
}
