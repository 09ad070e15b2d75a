package io.clickpulse.streaming;

import io.clickpulse.config.StreamingConfig;
import java.util.Optional;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How many tasks the lake query runs at a time while the demand query runs beside it
 * (streaming.demand-reserved-slots). Spark never pre-empts a running task and its fair scheduler
 * has no cap per pool, so a demand batch whose tasks find every slot busy waits for the lake's
 * tasks to end, and one shard's read of a whole lake trigger is one task (1.2-1.6 s at 2,000
 * events/s and a 10 s trigger in the bench; about ten times that at the default 100 s). Coalescing
 * the lake's read and its batch to fewer tasks (a narrow step: no shuffle, the dedup state stays
 * where it is) keeps the reserved slots free for demand.
 */
public record LakeTaskLimit(int tasks) {

  public LakeTaskLimit {
    if (tasks < 1) {
      throw new IllegalArgumentException("a lake query runs at least 1 task at a time: " + tasks);
    }
  }

  /**
   * The limit for the lake query on this session: its task slots less the reserved ones, at least
   * 1; none when demand is written in the lake's batch or nothing is reserved.
   */
  public static Optional<LakeTaskLimit> of(SparkSession spark, StreamingConfig s) {
    if (s.demandPath() != StreamingConfig.DemandPath.SEPARATE || s.demandReservedSlots() == 0) {
      return Optional.empty();
    }
    int slots = spark.sparkContext().defaultParallelism();
    return Optional.of(new LakeTaskLimit(Math.max(1, slots - s.demandReservedSlots())));
  }

  /** The stream read in at most {@link #tasks} tasks. */
  public Dataset<Row> read(Dataset<Row> records) {
    return records.coalesce(tasks);
  }

  /** Each batch handed to {@code processor} in at most {@link #tasks} tasks. */
  public VoidFunction2<Dataset<Row>, Long> batches(VoidFunction2<Dataset<Row>, Long> processor) {
    int n = tasks;
    return (batch, batchId) -> processor.call(batch.coalesce(n), batchId);
  }
}
