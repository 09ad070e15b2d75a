package io.clickpulse.streaming;

import io.clickpulse.metrics.MetricsSink;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeDataset;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch of stagger-mode sessions (the KDA SQL's rows) → stagger_sessions/ and the session
 * metrics.
 */
public final class StaggerBatchProcessor
    implements VoidFunction2<Dataset<Row>, Long>, SessionsBatch.Steps<StaggerCounts> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(StaggerBatchProcessor.class);
  private final transient IdempotentFileSink sink;
  private final transient MetricsSink metrics;
  private final SessionsBatch steps;
  private final CatalogPartitions catalog;

  public StaggerBatchProcessor(
      IdempotentFileSink sink, MetricsSink metrics, BatchAttempts attempts) {
    this(sink, metrics, attempts, CatalogPartitions.none());
  }

  /** catalog: registers the stagger_sessions partitions a batch opens. */
  public StaggerBatchProcessor(
      IdempotentFileSink sink,
      MetricsSink metrics,
      BatchAttempts attempts,
      CatalogPartitions catalog) {
    this.sink = sink;
    this.metrics = metrics;
    this.steps = new SessionsBatch("sessions-stagger", attempts);
    this.catalog = catalog;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    try (CachedBatch cached = CachedBatch.of(batch, batchId)) {
      steps
          .run(cached, this, metrics)
          .ifPresent(c -> LOG.info("stagger sessions batch {}: {} rows", batchId, c.rows()));
    }
  }

  @Override
  public StaggerCounts count(Dataset<Row> batch) {
    return StaggerCounts.of(batch);
  }

  @Override
  public BatchFiles files(StaggerCounts counts) {
    return BatchFiles.none().with(LakeDataset.STAGGER_SESSIONS, sink, counts.hours());
  }

  @Override
  public void write(CachedBatch batch, StaggerCounts counts) {
    sink.write(LakeDataset.STAGGER_SESSIONS.partitioned(batch.rows()), batch.id());
    catalog.register(batch.rows().sparkSession(), files(counts));
  }
}
