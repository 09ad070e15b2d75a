package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;

import io.clickpulse.aggregate.DemandPartials;
import io.clickpulse.enrich.EnricherChain;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.SinglePassWrite;
import io.clickpulse.sink.TaskFold;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch of the demand query (the fast path, streaming.demand-path=separate): decoded,
 * deduplicated records → catalog columns → partial demand → product_demand, nothing else, so that a
 * batch takes a fraction of a second and pricing sees demand within its trigger. Idempotent under
 * replay like the lake batch's demand step (the same {@link DemandWrite}).
 */
public final class DemandBatchProcessor implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DemandBatchProcessor.class);

  private final EnricherChain catalog;
  private final DemandWrite demand;
  private final ArrivalDeciles deciles;
  private final BatchLog batchLog;
  private final BatchAttempts attempts;

  /** catalog: the enrichers demand reads (the catalog's prices and known flag), nothing more. */
  DemandBatchProcessor(
      EnricherChain catalog,
      DemandWrite demand,
      ArrivalDeciles deciles,
      BatchLog batchLog,
      BatchAttempts attempts) {
    this.catalog = catalog;
    this.demand = demand;
    this.deciles = deciles;
    this.batchLog = batchLog;
    this.attempts = attempts;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    // not cached: demand is the batch's one job, and its tasks collect the deciles' times too
    try (CachedBatch cached = CachedBatch.of(batch, batchId, false)) {
      BatchAttempt attempt = BatchAttempt.of(attempts, cached);
      var folded = partials(cached);
      cached.timer().lap("fold");
      var written = BatchOutputs.Demand.visibleNow(demand.apply(attempt, folded.first().totals()));
      cached.timer().lap("product_demand");
      batchLog.recordDemand(batchId, written, deciles.of(folded.second()), cached.millis());
      var o = written.outcome();
      LOG.info(
          "demand batch {}: {} items written ({} replayed, {} reverted), {} ms {}",
          batchId,
          o.written(),
          o.replayed(),
          o.reverted(),
          cached.millis(),
          cached.timer());
    }
  }

  private static final String ACCEPTED = "_accepted";

  /**
   * The batch's partial demand, folded by its tasks from the catalog-enriched records (one Spark
   * job: no aggregation stage and its shuffle after the dedup).
   */
  private TaskFold.Both<DemandPartials, ArrivalDeciles.Times> partials(CachedBatch cached) {
    Dataset<Row> rows =
        catalog
            .apply(cached.rows())
            .withColumn(ACCEPTED, col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_OK));
    return SinglePassWrite.fold(
        rows, TaskFold.both(demand.fold(rows.schema(), ACCEPTED), deciles.fold(rows.schema())));
  }
}
