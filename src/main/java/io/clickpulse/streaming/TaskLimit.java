package io.clickpulse.streaming;

import io.clickpulse.aws.Interrupted;
import io.clickpulse.config.StreamingConfig;
import java.util.concurrent.Semaphore;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many tasks a query beside the demand query (lake, sessions) runs at a time
 * (streaming.demand-reserved-slots). Spark never pre-empts a running task and its fair scheduler
 * has no cap per pool, so a demand batch whose tasks find every slot busy waits for the other
 * queries' tasks to end, and one shard's read of a whole trigger is one task (1.2-1.6 s at 2,000
 * events/s and a 10 s trigger in the bench; about ten times that at the default 100 s). Coalescing
 * such a query's read and its batches to fewer tasks (a narrow step: no shuffle, the state stays
 * where it is) keeps the reserved slots free for demand. When the slots left are fewer than the
 * queries (2 cores, lake and sessions), the queries also take turns: a batch's Spark jobs (its read
 * included, which runs inside the batch) start only when no other such query's batch runs.
 *
 * @param tasks at most this many tasks at a time; 0 = no limit
 * @param takesTurns whether each batch waits for its turn among the queries beside demand
 */
public record TaskLimit(int tasks, boolean takesTurns) {
  private static final Logger LOG = LoggerFactory.getLogger(TaskLimit.class);

  /**
   * The turns of the queries beside the demand query: one driver, one streaming job per JVM. Fair,
   * so the lake and sessions batches alternate when both wait.
   */
  private static final Semaphore TURNS = new Semaphore(1, true);

  public TaskLimit {
    if (tasks < 0) {
      throw new IllegalArgumentException("a task limit is 0 (none) or more: " + tasks);
    }
  }

  public TaskLimit(int tasks) {
    this(tasks, false);
  }

  public static TaskLimit none() {
    return new TaskLimit(0);
  }

  /**
   * The limit of each of {@code queries} queries that run beside the demand query on this session:
   * its task slots less the reserved ones, shared evenly, at least 1 each; none when demand is
   * written in the lake's batch or nothing is reserved.
   */
  public static TaskLimit besideDemand(SparkSession spark, StreamingConfig s, int queries) {
    if (s.demandPath() != StreamingConfig.DemandPath.SEPARATE || s.demandReservedSlots() == 0) {
      return none();
    }
    int slots = spark.sparkContext().defaultParallelism();
    int left = slots - s.demandReservedSlots();
    boolean turns = queries > 1 && left < queries;
    if (turns) {
      LOG.info(
          "streaming.demand-reserved-slots={} leaves {} of the session's {} task slots to {}"
              + " queries beside the demand query: they run 1 task at a time and take turns, so"
              + " their batches may wait for each other",
          s.demandReservedSlots(),
          Math.max(0, left),
          slots,
          queries);
    }
    return new TaskLimit(Math.max(1, left / queries), turns);
  }

  public boolean limits() {
    return tasks > 0;
  }

  /** The stream's rows (as read, or decoded: a narrow step) in at most {@link #tasks} tasks. */
  public Dataset<Row> read(Dataset<Row> records) {
    return limits() ? records.coalesce(tasks) : records;
  }

  /**
   * Each batch handed to {@code processor} in at most {@link #tasks} tasks, in its turn when the
   * queries take turns.
   */
  public VoidFunction2<Dataset<Row>, Long> batches(VoidFunction2<Dataset<Row>, Long> processor) {
    if (!limits()) {
      return processor;
    }
    int n = tasks;
    boolean turns = takesTurns;
    return (batch, batchId) -> {
      if (turns) {
        try {
          TURNS.acquire();
        } catch (InterruptedException e) {
          throw Interrupted.whileWriting("a batch (waiting for its turn)", e);
        }
      }
      try {
        processor.call(batch.coalesce(n), batchId);
      } finally {
        if (turns) {
          TURNS.release();
        }
      }
    };
  }

  @Override
  public String toString() {
    return limits()
        ? "at most " + tasks + " tasks at a time" + (takesTurns ? ", in turns" : "")
        : "no task limit";
  }
}
