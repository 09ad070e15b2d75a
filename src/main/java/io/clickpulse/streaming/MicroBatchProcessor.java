package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.config.LakeConfig;
import io.clickpulse.enrich.EnricherChain;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import io.clickpulse.event.EventName;
import io.clickpulse.sink.BadRecordsTable;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.RawLine;
import io.clickpulse.sink.RoutedOutput;
import io.clickpulse.sink.SinglePassWrite;
import io.clickpulse.sink.TaskFold;
import io.clickpulse.source.ShardLocator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch of decoded, deduplicated records → every output. Each output is idempotent under
 * replay of the same batch id (file sinks by deterministic names, DynamoDB by the batch marker), so
 * a restart from the checkpoint never changes a total.
 */
public final class MicroBatchProcessor implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);

  /** The outputs a batch writes; tests and the batch re-runs build their own. */
  public record Outputs(
      IdempotentFileSink raw,
      IdempotentFileSink events,
      IdempotentFileSink badRecords,
      IdempotentFileSink highIntent,
      Supplier<DemandStore> demand,
      Supplier<ShardLocator> shards) {

    public static Outputs forLake(
        LakeConfig lake, Supplier<DemandStore> demand, Supplier<ShardLocator> shards) {
      return under(lake::uri, demand, shards);
    }

    /**
     * The job's outputs under any root: {@code uriOf} maps a dataset's folder (events, raw, …) to
     * its location.
     */
    public static Outputs under(
        UnaryOperator<String> uriOf, Supplier<DemandStore> demand, Supplier<ShardLocator> shards) {
      Function<LakeDataset, IdempotentFileSink> sink = d -> d.sink(uriOf.apply(d.folder()));
      return new Outputs(
          sink.apply(LakeDataset.RAW),
          sink.apply(LakeDataset.EVENTS),
          sink.apply(LakeDataset.BAD_RECORDS),
          sink.apply(LakeDataset.HIGH_INTENT),
          demand,
          shards);
    }
  }

  private final EnricherChain enrichers;
  private final Outputs outputs;
  private final double highIntentThreshold;
  private final Optional<DemandWrite> demand;
  private final ArrivalDeciles deciles;
  private final BatchLog batchLog;
  private final BatchAttempts attempts;
  private final CatalogPartitions catalog;
  private transient List<String> eventColumns;

  /** With demand in the batch and the arrival deciles logged (the tests' processor). */
  public MicroBatchProcessor(
      EnricherChain enrichers,
      Outputs outputs,
      double highIntentThreshold,
      Duration demandWindow,
      BatchLog batchLog,
      BatchAttempts attempts) {
    this(
        enrichers,
        outputs,
        highIntentThreshold,
        Optional.of(new DemandWrite(outputs.demand(), demandWindow)),
        new ArrivalDeciles(true),
        batchLog,
        attempts,
        CatalogPartitions.none());
  }

  /**
   * demand: empty when the demand query writes product_demand (streaming.demand-path=separate);
   * catalog: registers the partitions of the catalog's tables a batch opens.
   */
  MicroBatchProcessor(
      EnricherChain enrichers,
      Outputs outputs,
      double highIntentThreshold,
      Optional<DemandWrite> demand,
      ArrivalDeciles deciles,
      BatchLog batchLog,
      BatchAttempts attempts,
      CatalogPartitions catalog) {
    this.enrichers = enrichers;
    this.outputs = outputs;
    this.highIntentThreshold = highIntentThreshold;
    this.demand = demand;
    this.deciles = deciles;
    this.batchLog = batchLog;
    this.attempts = attempts;
    this.catalog = catalog;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    try (CachedBatch cached = CachedBatch.of(batch, batchId)) {
      BatchAttempt attempt = BatchAttempt.of(attempts, cached);
      BatchCounts counts = BatchCounts.of(batch, highIntent());
      int removed = attempt.removeEarlierFiles(files(counts));
      if (counts.isEmpty()) {
        // a replay can read nothing where its earlier attempt read records: undo that attempt
        var undone =
            new BatchOutputs(
                removed,
                new BatchOutputs.Demand(
                    demand.map(d -> d.apply(attempt, List.of())).orElse(DemandStore.Outcome.NONE),
                    0));
        batchLog.record(
            new BatchSummary(batchId, counts, ArrivalDeciles.NONE, undone, cached.millis()));
        return;
      }
      double[] arrivalDeciles = deciles.of(batch);
      cached.timer().lap("decode+dedup+count");
      BatchOutputs written = write(cached, attempt, counts, removed);
      // after every file is in place: a reader the catalog sends to a partition finds its files
      catalog.register(batch.sparkSession(), written(counts));
      BatchSummary summary =
          new BatchSummary(batchId, counts, arrivalDeciles, written, cached.millis());
      batchLog.record(summary);
      LOG.info(summary.describe(cached.timer()));
    }
  }

  /** The partition folders each file output of this attempt writes into. */
  private BatchFiles files(BatchCounts counts) {
    return BatchFiles.none()
        .with(LakeDataset.RAW, outputs.raw(), counts.arrivalHours())
        .with(LakeDataset.BAD_RECORDS, outputs.badRecords(), counts.arrivalHours())
        .with(LakeDataset.EVENTS, outputs.events(), counts.eventHours())
        .with(LakeDataset.HIGH_INTENT, outputs.highIntent(), counts.eventHours());
  }

  /** The file outputs this batch wrote, with their partition folders. */
  private BatchFiles written(BatchCounts counts) {
    BatchFiles files =
        BatchFiles.none().with(LakeDataset.RAW, outputs.raw(), counts.arrivalHours());
    if (counts.bad() > 0) {
      files = files.with(LakeDataset.BAD_RECORDS, outputs.badRecords(), counts.arrivalHours());
    }
    return counts.good() > 0
        ? files.with(LakeDataset.EVENTS, outputs.events(), counts.eventHours())
        : files;
  }

  /**
   * Every output of a batch that has records: the lake files in one pass, whose tasks also fold the
   * batch's partial demand when the batch writes demand, then demand.
   */
  private BatchOutputs write(
      CachedBatch cached, BatchAttempt attempt, BatchCounts counts, int removed) {
    Dataset<Row> wide = wide(cached.rows());
    List<RoutedOutput> routes = routes(cached.rows());
    if (demand.isEmpty()) {
      SinglePassWrite.write(wide, attempt.writer(), cached.id(), routes, TaskFold.none());
      cached.timer().lap("lake files");
      return new BatchOutputs(removed, new BatchOutputs.Demand(DemandStore.Outcome.NONE, 0));
    }
    DemandWrite d = demand.get();
    var written =
        SinglePassWrite.write(
            wide, attempt.writer(), cached.id(), routes, d.fold(wide.schema(), TO_EVENTS));
    cached.timer().lap("lake files+demand partials");
    // always applied: a replay with no good events must still undo an earlier attempt's demand
    var demanded = BatchOutputs.Demand.visibleNow(d.apply(attempt, written.folded().totals()));
    cached.timer().lap("demand");
    return new BatchOutputs(removed, demanded);
  }

  /**
   * The batch's rows, bad ones too, enriched (each record once), with the columns of every file
   * output and a flag per output saying which of them a row goes to.
   */
  private Dataset<Row> wide(Dataset<Row> batch) {
    Column ok = col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_OK);
    Column bad = col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_BAD);
    return BadRecordsTable.withOrigin(
            enrichers.apply(batch), when(bad, shardOf()), BadRecordsTable.FROM_STREAM)
        .withColumn(RawLine.VALUE, RawLine.line())
        .withColumn(TO_EVENTS, ok)
        .withColumn(TO_HIGH_INTENT, ok.and(highIntent()))
        .withColumn(TO_BAD_RECORDS, bad);
  }

  private static final String TO_EVENTS = "_to_events";
  private static final String TO_HIGH_INTENT = "_to_high_intent";
  private static final String TO_BAD_RECORDS = "_to_bad_records";

  /**
   * Where each row goes: every record, bad ones too, one line each with its Kinesis origin, to
   * raw/; accepted ones to events/ and, when a high-intent view, to high_intent/; bad ones to
   * bad_records/.
   */
  private List<RoutedOutput> routes(Dataset<Row> batch) {
    if (eventColumns == null) {
      // the events table's columns, in order: what the chain makes of accepted records
      eventColumns = List.of(enrichers.eventsOf(batch).columns());
    }
    return List.of(
        RoutedOutput.every(LakeDataset.RAW, outputs.raw(), List.of(RawLine.VALUE)),
        RoutedOutput.where(
            LakeDataset.BAD_RECORDS, outputs.badRecords(), TO_BAD_RECORDS, BadRecordsTable.COLUMNS),
        RoutedOutput.where(LakeDataset.EVENTS, outputs.events(), TO_EVENTS, eventColumns),
        RoutedOutput.where(
            LakeDataset.HIGH_INTENT, outputs.highIntent(), TO_HIGH_INTENT, eventColumns));
  }

  /** A ViewContent event that viewed more than the threshold (on event columns). */
  private Column highIntent() {
    return col(EventColumns.EVENT_NAME)
        .equalTo(EventName.VIEW_CONTENT)
        .and(col(EventColumns.PERCENT_VIEWED).gt(lit(highIntentThreshold)));
  }

  /** The Kinesis shard of a record, from its partition key and sequence number. */
  private Column shardOf() {
    ShardLocator locator = outputs.shards().get();
    UserDefinedFunction shardOf =
        udf((UDF2<String, String, String>) locator::locate, DataTypes.StringType);
    return shardOf.apply(col(EventColumns.PARTITION_KEY), col(EventColumns.SEQUENCE_NUMBER));
  }
}
