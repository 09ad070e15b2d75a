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

  private final boolean persisted;

  private CachedBatch(Dataset<Row> rows, long id, boolean persisted) {
    this.rows = rows;
    this.id = id;
    this.persisted = persisted;
  }

  static CachedBatch of(Dataset<Row> batch, long batchId) {
    return of(batch, batchId, true);
  }

  /** persist: false when a single job reads the batch (caching it would only cost). */
  static CachedBatch of(Dataset<Row> batch, long batchId, boolean persist) {
    return new CachedBatch(
        persist ? batch.persist(StorageLevel.MEMORY_AND_DISK()) : batch, batchId, persist);
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
    if (persisted) {
      rows.unpersist();
    }
  }
}
