package io.clickpulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.streaming.RunningQueries;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops the job's queries after their running batches, before Spark stops its context: the
 * job's wait loop returns normally, no batch is cut off, and (in a child JVM that gets a real
 * SIGTERM) the JVM exits with 143 without "stopped SparkContext" errors.
 */
class GracefulStopTest {
  static final AtomicInteger STARTED = new AtomicInteger();
  static final AtomicInteger ENDED = new AtomicInteger();

  @AfterEach
  void stopQueries() throws Exception {
    SparkTestSession.stopActiveQueries();
  }

  /**
   * Two queries whose batches take about a second each, like the job's main and sessions queries.
   */
  static List<StreamingQuery> slowQueries(
      SparkSession spark, Path dir, Runnable onBatchStart, Runnable onBatchEnd) throws Exception {
    List<StreamingQuery> queries = new ArrayList<>();
    for (String name : List.of("graceful-main", "graceful-sessions")) {
      VoidFunction2<Dataset<Row>, Long> batch =
          (rows, id) -> {
            STARTED.incrementAndGet();
            onBatchStart.run();
            rows.count();
            Thread.sleep(1000);
            ENDED.incrementAndGet();
            onBatchEnd.run();
          };
      queries.add(
          spark
              .readStream()
              .format("rate")
              .option("rowsPerSecond", "5")
              .load()
              .writeStream()
              .queryName(name + "-" + System.nanoTime())
              .option("checkpointLocation", dir.resolve(name).toString())
              .trigger(Trigger.ProcessingTime(100))
              .foreachBatch(GracefulStop.gated(batch))
              .start());
    }
    return queries;
  }

  @Test
  @Timeout(180)
  void theHooksStopPathEndsTheWaitLoopNormallyAfterTheRunningBatches(@TempDir Path dir)
      throws Exception {
    SparkSession spark = SparkTestSession.get();
    List<StreamingQuery> queries = slowQueries(spark, dir, () -> {}, () -> {});
    AtomicReference<Throwable> loopFailure = new AtomicReference<>();
    Thread loop =
        new Thread(
            () -> {
              try {
                RunningQueries.awaitAll(
                    queries, ClickpulseConfig.fromArgs().streaming()); // run-for 0: until stopped
              } catch (Throwable t) {
                loopFailure.set(t);
              }
            },
            "job-wait-loop");
    loop.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (STARTED.get() - ENDED.get() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(STARTED.get() - ENDED.get())
        .as("a batch is running when the stop comes")
        .isPositive();

    long t0 = System.nanoTime();
    GracefulStop.stopAll(queries, "test stop");
    loop.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(loop.isAlive()).isFalse();
    assertThat(loopFailure.get()).isNull();
    assertThat(queries)
        .allSatisfy(
            q -> {
              assertThat(q.isActive()).isFalse();
              assertThat(q.exception().isDefined()).isFalse();
            });
    assertThat(ENDED.get()).as("every batch that started also ended").isEqualTo(STARTED.get());
    assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(15));
  }

  @Test
  @Timeout(240)
  void sigtermStopsTheQueriesBeforeSparkAndExitsWith143(@TempDir Path dir) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens")
          || arg.startsWith("-Djdk.reflect")
          || arg.startsWith("-Djava.net")) {
        command.add(arg);
      }
    }
    command.addAll(
        List.of(
            "-Xmx1g",
            "-cp",
            System.getProperty("java.class.path"),
            Child.class.getName(),
            dir.toString()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean signalled = false;
      while ((line = out.readLine()) != null) {
        output.append(line).append('\n');
        if (!signalled && line.contains("BATCH RUNNING")) {
          child
              .toHandle()
              .destroy(); // SIGTERM, as Glue or kill sends it (Process.destroy would close our
          // pipe)
          signalled = true;
        }
      }
    } finally {
      if (!child.waitFor(90, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    Files.writeString(
        Path.of(
            System.getProperty("clickpulse.projectDir", "."), "target", "graceful-stop-child.log"),
        output);
    String log = output.toString();
    // (the wait loop's own lines may come after the JVM ended: the hooks do not wait for main)
    assertThat(log)
        .contains("BATCH RUNNING")
        .contains("streaming queries stopped cleanly")
        .doesNotContain("stopped SparkContext")
        .doesNotContain("RpcEnvStoppedException")
        .doesNotContain("WAIT LOOP FAILED");
    assertThat(child.exitValue()).isEqualTo(143);
    long started = log.lines().filter(l -> l.equals("BATCH RUNNING")).count();
    long ended = log.lines().filter(l -> l.equals("BATCH DONE")).count();
    assertThat(ended).as("batches ended of " + started + " started").isEqualTo(started);
  }

  /** The job's main in miniature: session, hook, queries, wait loop, stop. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      SparkSession spark = SparkTestSession.get();
      GracefulStop.install(spark);
      List<StreamingQuery> queries =
          slowQueries(
              spark,
              Path.of(args[0]),
              () -> System.out.println("BATCH RUNNING"),
              () -> System.out.println("BATCH DONE"));
      try {
        RunningQueries.awaitAll(queries, ClickpulseConfig.fromArgs().streaming());
        System.out.println("WAIT LOOP RETURNED");
      } catch (Throwable t) {
        System.out.println("WAIT LOOP FAILED " + t);
      }
      spark.stop();
    }
  }
}
