package io.clickpulse.streaming;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A micro-batch kept cached while its steps read it (counting, then every output: each would
 * otherwise recompute the stream's decode and state), with the time its steps take.
 */
final class CachedBatch implements AutoCloseable {
  private final Dataset<Row> rows;
  private final long id;
  private final long startNanos = System.nanoTime();
  private final StepTimer timer = new StepTimer();

  private CachedBatch(Dataset<Row> rows, long id) {
    this.rows = rows;
    this.id = id;
  }

  static CachedBatch of(Dataset<Row> batch, long batchId) {
    return new CachedBatch(batch.persist(StorageLevel.MEMORY_AND_DISK()), batchId);
  }

  Dataset<Row> rows() {
    return rows;
  }

  long id() {
    return id;
  }

  StepTimer timer() {
    return timer;
  }

  /** Milliseconds since the batch began. */
  long millis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  Configuration hadoop() {
    return rows.sparkSession().sparkContext().hadoopConfiguration();
  }

  @Override
  public void close() {
    rows.unpersist();
  }
}
