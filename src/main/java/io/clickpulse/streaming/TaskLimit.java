package io.clickpulse.streaming;

import io.clickpulse.config.StreamingConfig;
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
 * where it is) keeps the reserved slots free for demand.
 *
 * @param tasks at most this many tasks at a time; 0 = no limit
 */
public record TaskLimit(int tasks) {
  private static final Logger LOG = LoggerFactory.getLogger(TaskLimit.class);

  public TaskLimit {
    if (tasks < 0) {
      throw new IllegalArgumentException("a task limit is 0 (none) or more: " + tasks);
    }
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
    if (left < queries) {
      LOG.warn(
          "streaming.demand-reserved-slots={} leaves {} of the session's {} task slots to {}"
              + " queries beside the demand query: each runs 1 task at a time, and demand batches"
              + " may wait for their tasks (more cores, sessions.enabled=false or"
              + " streaming.demand-path=in-batch keep them apart)",
          s.demandReservedSlots(),
          Math.max(0, left),
          slots,
          queries);
    }
    return new TaskLimit(Math.max(1, left / queries));
  }

  public boolean limits() {
    return tasks > 0;
  }

  /** The stream's rows (as read, or decoded: a narrow step) in at most {@link #tasks} tasks. */
  public Dataset<Row> read(Dataset<Row> records) {
    return limits() ? records.coalesce(tasks) : records;
  }

  /** Each batch handed to {@code processor} in at most {@link #tasks} tasks. */
  public VoidFunction2<Dataset<Row>, Long> batches(VoidFunction2<Dataset<Row>, Long> processor) {
    if (!limits()) {
      return processor;
    }
    int n = tasks;
    return (batch, batchId) -> processor.call(batch.coalesce(n), batchId);
  }

  @Override
  public String toString() {
    return limits() ? "at most " + tasks + " tasks at a time" : "no task limit";
  }
}
