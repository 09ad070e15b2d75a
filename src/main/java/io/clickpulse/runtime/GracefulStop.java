package io.clickpulse.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the streaming job's queries on SIGTERM (Glue stopping a run, Ctrl-C, kill) before Spark
 * stops its context. A plain JVM shutdown hook runs at the same time as Spark's own, which stops
 * the SparkContext under a running batch: the batch then fails with "Cannot call methods on a
 * stopped SparkContext" and RpcEnvStoppedException. This hook is registered with Hadoop's shutdown
 * hook manager, through which Spark registers its hooks too (priority 40), at a higher priority, so
 * it runs first and alone: no batch function starts any more ({@link #gated} wraps the queries'
 * foreachBatch functions), the running ones finish (at most {@link #BATCH_WAIT}), the queries are
 * stopped, and only then does Spark stop the context. The JVM exits with 143, the status of a
 * process ended by SIGTERM.
 */
public final class GracefulStop {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

  /**
   * Above Spark's hooks in Hadoop's ShutdownHookManager (SparkShutdownHookManager registers at 40).
   */
  static final int PRIORITY = 50;

  /** How long a query may take to finish the batch it is on before it is stopped anyway. */
  static final Duration BATCH_WAIT = Duration.ofSeconds(60);

  /** Hadoop cancels a hook after its timeout: the batch wait plus the time the stops take. */
  static final Duration HOOK_TIMEOUT = BATCH_WAIT.plusSeconds(30);

  private static final CountDownLatch NOT_STOPPING = new CountDownLatch(0);
  private static volatile CountDownLatch stopping = NOT_STOPPING;
  private static final Object GATE = new Object();

  /** Batch functions running inside {@link #gated} (guarded by GATE). */
  private static int running;

  /** Set while {@link #stopAll} runs: no batch function starts (guarded by GATE). */
  private static boolean stopRequested;

  /**
   * The queries {@link #stopAll} stops, by id: a batch waiting at the gate ends once its query is
   * stopped.
   */
  private static final Map<String, StreamingQuery> STOPPING = new ConcurrentHashMap<>();

  /** The local property Spark sets on a query's thread (StreamExecution.QUERY_ID_KEY). */
  private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

  private GracefulStop() {}

  /** Registers the hook that stops every active query of {@code spark} at JVM shutdown. */
  public static void install(SparkSession spark) {
    ShutdownHookManager.get()
        .addShutdownHook(
            () -> {
              List<StreamingQuery> active = List.of(spark.streams().active());
              if (!active.isEmpty()) {
                stopAll(active, "JVM shutdown (SIGTERM or SIGINT)");
              }
            },
            PRIORITY,
            HOOK_TIMEOUT.toSeconds(),
            TimeUnit.SECONDS);
  }

  /**
   * A query's batch function that a stop never cuts off: once a stop is requested, a batch that has
   * not started its function waits at the gate (the query's stop interrupts that wait, which Spark
   * takes for the stop it is), and {@link #stopAll} waits for the functions already running.
   */
  public static VoidFunction2<Dataset<Row>, Long> gated(VoidFunction2<Dataset<Row>, Long> batch) {
    return (rows, batchId) -> {
      String queryId = rows.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
      synchronized (GATE) {
        while (stopRequested) {
          // stop() interrupts the query's thread, but an interrupt can be swallowed on the way
          // (file system calls): the stopped state is what ends the wait for sure
          StreamingQuery query = queryId == null ? null : STOPPING.get(queryId);
          if (query != null && !query.isActive()) {
            throw new InterruptedException(
                "query " + query.name() + " stopped before batch " + batchId + " began");
          }
          GATE.wait(50);
        }
        running++;
      }
      try {
        batch.call(rows, batchId);
      } finally {
        synchronized (GATE) {
          running--;
          GATE.notifyAll();
        }
      }
    };
  }

  /**
   * The stop path of the hook: no batch function starts any more, the running ones finish (at most
   * {@link #BATCH_WAIT}), then every query is stopped. {@link #awaitIfStopping} waits for this to
   * end, so that the job's wait loop does not stop the other queries meanwhile.
   */
  static void stopAll(List<StreamingQuery> queries, String reason) {
    CountDownLatch done = new CountDownLatch(1);
    stopping = done;
    long t0 = System.nanoTime();
    try {
      LOG.info(
          "{}: stopping streaming queries {} once their running batches end (at most {} s)",
          reason,
          queries.stream().map(StreamingQuery::name).toList(),
          BATCH_WAIT.toSeconds());
      queries.forEach(q -> STOPPING.put(q.id().toString(), q));
      int left;
      synchronized (GATE) {
        stopRequested = true;
        long deadline = System.nanoTime() + BATCH_WAIT.toNanos();
        long wait;
        while (running > 0 && (wait = deadline - System.nanoTime()) > 0) {
          GATE.wait(Math.max(1, wait / 1_000_000));
        }
        left = running;
      }
      if (left > 0) {
        LOG.warn(
            "{}: {} batches still running after {} s: stopping anyway (they re-run at the next start)",
            reason,
            left,
            BATCH_WAIT.toSeconds());
      }
      for (StreamingQuery query : queries) {
        if (query.isActive()) {
          query.stop();
        }
      }
      LOG.info(
          "{}: streaming queries stopped cleanly in {} ms; Spark stops next, the JVM exits with 143 after SIGTERM",
          reason,
          (System.nanoTime() - t0) / 1_000_000);
    } catch (TimeoutException | RuntimeException e) {
      LOG.warn("{}: stopping the streaming queries: {}", reason, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("{}: interrupted while stopping the streaming queries", reason);
    } finally {
      synchronized (GATE) {
        stopRequested =
            false; // the stopped queries are gone; queries started later (tests) run again
        STOPPING.clear();
        GATE.notifyAll();
      }
      done.countDown();
    }
  }

  /** Blocks while {@link #stopAll} runs (at most its hook's timeout); returns at once otherwise. */
  public static void awaitIfStopping() {
    try {
      stopping.await(HOOK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
