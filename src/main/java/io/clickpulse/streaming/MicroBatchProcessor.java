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
import io.clickpulse.sink.LakeRows;
import io.clickpulse.sink.OpenedFolders;
import io.clickpulse.sink.RawLine;
import io.clickpulse.sink.RoutedOutput;
import io.clickpulse.sink.SinglePassWrite;
import io.clickpulse.sink.TaskFold;
import io.clickpulse.source.ShardLocator;
import java.time.Duration;
import java.time.Instant;
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
    // not cached: the lake pass is the one job that reads the batch
    try (CachedBatch cached = CachedBatch.of(batch, batchId, false)) {
      BatchAttempt attempt = BatchAttempt.of(attempts, cached);
      List<RoutedOutput> routes = routes(batch);
      BatchFiles expected = expectedFiles(routes, Instant.now());
      int removed = attempt.removeEarlierFiles(expected);
      cached.timer().lap("earlier attempts");
      LakePass pass = write(cached, attempt, routes, attempt.openedFolders(expected));
      // after every file is in place: a reader the catalog sends to a partition finds its files
      catalog.register(batch.sparkSession(), pass.files());
      BatchSummary summary =
          new BatchSummary(
              batchId,
              pass.counts(),
              pass.arrivals().decilesMs(),
              new BatchOutputs(removed, pass.demand()),
              cached.millis());
      batchLog.record(summary);
      if (!pass.counts().isEmpty()) {
        LOG.info(summary.describe(cached.timer()));
      }
    }
  }

  /**
   * The folders this attempt records up front (where a batch's files go unless it reads a backlog
   * or late events): each file output's folders of this hour and the one before. The tasks mark any
   * other folder before their first file there.
   */
  private static BatchFiles expectedFiles(List<RoutedOutput> routes, Instant now) {
    long hour = Math.floorDiv(now.getEpochSecond(), 3600);
    List<Long> hours = List.of(hour - 1, hour);
    BatchFiles files = BatchFiles.none();
    for (RoutedOutput o : routes) {
      files = files.with(o.dataset(), o.sink(), hours);
    }
    return files;
  }

  /** What the lake pass made of a batch: its counts, the files it wrote, its demand. */
  private record LakePass(
      BatchCounts counts,
      ArrivalDeciles.Arrivals arrivals,
      BatchFiles files,
      BatchOutputs.Demand demand) {}

  /**
   * Every output of a batch: the lake files in one pass, whose tasks also count the batch and fold
   * its partial demand when the batch writes demand, then demand.
   */
  private LakePass write(
      CachedBatch cached, BatchAttempt attempt, List<RoutedOutput> routes, OpenedFolders opened) {
    Dataset<Row> wide = wide(cached.rows());
    // the tasks that write the files also count them and collect the deciles' arrival times
    var counting = TaskFold.both(BatchCounts.fold(wide.schema()), deciles.fold(wide.schema()));
    if (demand.isEmpty()) {
      var pass =
          SinglePassWrite.write(wide, attempt.writer(), cached.id(), routes, opened, counting);
      cached.timer().lap("lake files");
      return lakePass(
          pass.folded(), routes, pass, new BatchOutputs.Demand(DemandStore.Outcome.NONE, 0));
    }
    DemandWrite d = demand.get();
    var pass =
        SinglePassWrite.write(
            wide,
            attempt.writer(),
            cached.id(),
            routes,
            opened,
            TaskFold.both(counting, d.fold(wide.schema(), LakeRows.TO_EVENTS)));
    cached.timer().lap("lake files+demand partials");
    // always applied: a replay with no good events must still undo an earlier attempt's demand
    var demanded =
        BatchOutputs.Demand.visibleNow(d.apply(attempt, pass.folded().second().totals()));
    cached.timer().lap("demand");
    return lakePass(pass.folded().first(), routes, pass, demanded);
  }

  private LakePass lakePass(
      TaskFold.Both<BatchCounts.Tally, ArrivalDeciles.Times> folded,
      List<RoutedOutput> routes,
      SinglePassWrite.Result<?> pass,
      BatchOutputs.Demand demand) {
    return new LakePass(
        BatchCounts.of(folded.first(), pass.written().get(LakeDataset.HIGH_INTENT).rows()),
        deciles.of(folded.second()),
        written(routes, pass),
        demand);
  }

  /** The file outputs the pass wrote into, with their partition folders. */
  private static BatchFiles written(List<RoutedOutput> routes, SinglePassWrite.Result<?> pass) {
    BatchFiles files = BatchFiles.none();
    for (RoutedOutput o : routes) {
      var w = pass.written().get(o.dataset());
      if (w.rows() > 0) {
        files = files.withFolders(o.dataset(), o.sink(), w.folders());
      }
    }
    return files;
  }

  /**
   * The batch's rows, bad ones too, enriched (each record once), with the columns of every file
   * output and a flag per output saying which of them a row goes to.
   */
  private Dataset<Row> wide(Dataset<Row> batch) {
    Column bad = col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_BAD);
    return LakeRows.of(enrichers, batch, when(bad, shardOf()), BadRecordsTable.FROM_STREAM)
        .withColumn(RawLine.VALUE, RawLine.line())
        .withColumn(TO_HIGH_INTENT, LakeRows.accepted().and(highIntent()));
  }

  private static final String TO_HIGH_INTENT = "_to_high_intent";

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
        LakeRows.badRecords(outputs.badRecords()),
        LakeRows.events(outputs.events(), eventColumns),
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
