package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.udf;

import io.clickpulse.aggregate.DemandAggregation;
import io.clickpulse.aggregate.DemandKey;
import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.aggregate.DemandTotals;
import io.clickpulse.aggregate.UniqueUsers;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.enrich.Enricher;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.sink.BadRecordsTable;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import io.clickpulse.sink.RawLine;
import io.clickpulse.source.ShardLocator;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch of decoded, deduplicated records → every output. Each output is idempotent
 * under replay of the same batch id (file sinks by deterministic names, DynamoDB by the batch
 * marker), so a restart from the checkpoint never changes a total.
 */
public final class MicroBatchProcessor implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MicroBatchProcessor.class);
  private static final List<String> ORIGIN_ONLY = List.of("status", "reason", "reason_detail", "payload",
      "payload_base64", "payload_bytes");

  /** The outputs a batch writes; tests and the batch re-runs build their own. */
  public record Outputs(IdempotentFileSink raw, IdempotentFileSink events, IdempotentFileSink badRecords,
      IdempotentFileSink highIntent, Supplier<DemandStore> demand, Supplier<ShardLocator> shards) {

    public static Outputs forLake(ClickpulseConfig config, Supplier<DemandStore> demand, Supplier<ShardLocator> shards) {
      return under(config.lake()::uri, demand, shards);
    }

    /** The job's outputs under any root: {@code uriOf} maps a dataset's folder (events, raw, …) to its location. */
    public static Outputs under(java.util.function.UnaryOperator<String> uriOf, Supplier<DemandStore> demand,
        Supplier<ShardLocator> shards) {
      java.util.function.Function<LakeDataset, IdempotentFileSink> sink = d -> d.sink(uriOf.apply(d.folder()));
      return new Outputs(sink.apply(LakeDataset.RAW), sink.apply(LakeDataset.EVENTS), sink.apply(LakeDataset.BAD_RECORDS),
          sink.apply(LakeDataset.HIGH_INTENT), demand, shards);
    }
  }

  private final List<Enricher> enrichers;
  private final Outputs outputs;
  private final double highIntentThreshold;
  private final java.time.Duration demandWindow;
  private final BatchLog batchLog;
  private final BatchAttempts attempts;

  public MicroBatchProcessor(List<Enricher> enrichers, Outputs outputs, double highIntentThreshold,
      java.time.Duration demandWindow, BatchLog batchLog, BatchAttempts attempts) {
    this.enrichers = List.copyOf(enrichers);
    this.outputs = outputs;
    this.highIntentThreshold = highIntentThreshold;
    this.demandWindow = demandWindow;
    this.batchLog = batchLog;
    this.attempts = attempts;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    long t0 = System.nanoTime();
    StepTimer timer = new StepTimer();
    batch.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      BatchCounts counts = BatchCounts.of(batch, highIntent());
      int removed = removeEarlierAttempt(batch.sparkSession().sparkContext().hadoopConfiguration(), batchId, counts);
      if (counts.isEmpty()) {
        // a replay can read nothing where its earlier attempt read records: undo that attempt
        DemandStore.Outcome demand = writeDemand(batch, null, batchId);
        batchLog.record(batchId, counts.byStatus(), 0, demand, (System.nanoTime() - t0) / 1_000_000, new double[0], 0);
        return;
      }
      double[] arrivalDeciles = arrivalDeciles(batch);
      timer.lap("decode+dedup+count");

      Map<String, Callable<Object>> tasks = new LinkedHashMap<>();
      java.util.concurrent.atomic.AtomicLong demandVisibleAt = new java.util.concurrent.atomic.AtomicLong();
      // not cached: re-deriving from the cached batch (filter, broadcast joins, per-row lookups
      // behind caches) costs less than caching a second wide copy
      Dataset<Row> events = counts.good() > 0 ? enrichedEvents(batch, enrichers) : null;
      // always run: a replay with no good events must still undo an earlier attempt's demand.
      // Submitted first: Spark's FIFO scheduler gives the earliest job the cores first, and
      // product_demand is what the pricing reacts to
      tasks.put("demand", () -> {
        DemandStore.Outcome outcome = writeDemand(batch, events, batchId);
        demandVisibleAt.set(System.currentTimeMillis());
        return outcome;
      });
      // every record of the batch, bad ones too, one line each with its Kinesis origin
      tasks.put("raw", () -> outputs.raw().write(RawLine.lines(batch), batchId));
      if (counts.bad() > 0) {
        tasks.put("bad_records", () -> outputs.badRecords().write(
            badRecords(batch.where(col("status").equalTo(DecodedSchema.STATUS_BAD))), batchId));
      }
      if (counts.good() > 0) {
        tasks.put("events", () -> outputs.events().write(LakeLayout.withHourPartitions(events, "event_time"), batchId));
        tasks.put("high_intent", () -> outputs.highIntent().write(
            LakeLayout.withHourPartitions(events.where(highIntent()), "event_time"), batchId));
      }
      Map<String, Object> results = ConcurrentOutputs.run(tasks, timer);
      DemandStore.Outcome demand = (DemandStore.Outcome) results.getOrDefault("demand", DemandStore.Outcome.NONE);
      batchLog.record(batchId, counts.byStatus(), counts.highIntent(), demand, (System.nanoTime() - t0) / 1_000_000,
          arrivalDeciles, demandVisibleAt.get());
      LOG.info("batch {}: {} events, {} bad records {}, {} high-intent, demand items {} written ({} replayed, {} reverted), "
          + "{} files of an earlier attempt removed, {} ms {}", batchId, counts.good(), counts.bad(), counts.byStatus(),
          counts.highIntent(), demand.written(), demand.replayed(), demand.reverted(), removed,
          (System.nanoTime() - t0) / 1_000_000, timer);
    } finally {
      batch.unpersist();
    }
  }

  /**
   * Records the partition folders this attempt writes and deletes the files an earlier attempt of
   * the same batch id wrote (a replay can read other records, so it would not overwrite them all).
   */
  private int removeEarlierAttempt(org.apache.hadoop.conf.Configuration hadoop, long batchId, BatchCounts counts) {
    Map<String, List<String>> folders = Map.of(
        LakeLayout.RAW, counts.arrivalHours().stream().map(LakeLayout::hourFolder).toList(),
        LakeLayout.BAD_RECORDS, counts.arrivalHours().stream().map(LakeLayout::dayFolder).distinct().toList(),
        LakeLayout.EVENTS, counts.eventHours().stream().map(LakeLayout::hourFolder).toList(),
        LakeLayout.HIGH_INTENT, counts.eventHours().stream().map(LakeLayout::hourFolder).toList());
    return attempts.removeEarlierFiles(hadoop, batchId, Map.of(LakeLayout.RAW, outputs.raw(), LakeLayout.BAD_RECORDS,
        outputs.badRecords(), LakeLayout.EVENTS, outputs.events(), LakeLayout.HIGH_INTENT, outputs.highIntent()), folders);
  }

  /** This batch's partial demand, applied so that it replaces whatever an earlier attempt of it wrote. */
  private DemandStore.Outcome writeDemand(Dataset<Row> batch, Dataset<Row> events, long batchId) {
    List<DemandTotals> partials = new ArrayList<>();
    if (events != null) {
      for (Row r : DemandAggregation.aggregate(events, demandWindow).collectAsList()) {
        partials.add(totals(r));
      }
    }
    List<String> keys = partials.stream().map(p -> p.key().text()).toList();
    List<DemandKey> earlier = attempts.record(batch.sparkSession().sparkContext().hadoopConfiguration(), batchId, "demand", keys)
        .stream().map(DemandKey::parse).toList();
    if (partials.isEmpty() && earlier.isEmpty()) {
      return DemandStore.Outcome.NONE;
    }
    String writer = batch.sparkSession().sparkContext().getLocalProperty("sql.streaming.queryId");
    return outputs.demand().get().apply(partials, earlier, writer == null ? "batch" : writer, batchId);
  }

  /**
   * Accepted events of decoded records, with the origin columns the events table keeps
   * (partition_key, sequence_number, arrival_time), through every enricher: the rows of the
   * events table. The streaming job and the batch jobs share it.
   */
  public static Dataset<Row> enrichedEvents(Dataset<Row> decoded, List<Enricher> enrichers) {
    Dataset<Row> events = decoded.where(col("status").equalTo(DecodedSchema.STATUS_OK)).drop(ORIGIN_ONLY.toArray(String[]::new));
    for (Enricher e : enrichers) {
      events = e.apply(events);
    }
    return events;
  }

  /**
   * Arrival times (epoch ms) at 0 %, 10 %, … 100 % of the batch: with the batch's completion time
   * they give how long records took from PutRecords to every output (the freshness figures).
   */
  private static double[] arrivalDeciles(Dataset<Row> batch) {
    double[] q = new double[11];
    for (int i = 0; i <= 10; i++) {
      q[i] = i / 10.0;
    }
    Row r = batch.select(percentile_approx(col("arrival_time").cast("double"), lit(q), lit(1000))).first();
    List<Double> seconds = r.getList(0);
    return seconds.stream().mapToDouble(d -> d * 1000).toArray();
  }

  /** A ViewContent event that viewed more than the threshold (on event columns). */
  private Column highIntent() {
    return col("event_name").equalTo("ViewContent").and(col("percent_viewed").gt(lit(highIntentThreshold)));
  }

  private Dataset<Row> badRecords(Dataset<Row> bad) {
    ShardLocator locator = outputs.shards().get();
    UserDefinedFunction shardOf = udf((UDF2<String, String, String>) locator::locate, DataTypes.StringType);
    return BadRecordsTable.rows(bad, shardOf.apply(col("partition_key"), col("sequence_number")), BadRecordsTable.FROM_STREAM);
  }

  static DemandTotals totals(Row r) {
    List<String> users = r.getList(r.fieldIndex("user_ids"));
    BigDecimal revenue = r.isNullAt(r.fieldIndex("revenue")) ? BigDecimal.ZERO.setScale(2) : r.getDecimal(r.fieldIndex("revenue"));
    return new DemandTotals(r.getLong(r.fieldIndex("product_id")),
        ((Timestamp) r.get(r.fieldIndex("window_start"))).toInstant(),
        ((Timestamp) r.get(r.fieldIndex("window_end"))).toInstant(),
        r.getLong(r.fieldIndex("searches")), r.getLong(r.fieldIndex("views")), r.getLong(r.fieldIndex("add_to_carts")),
        r.getLong(r.fieldIndex("purchases")), revenue, UniqueUsers.of(users),
        r.isNullAt(r.fieldIndex("base_price")) ? null : r.getDecimal(r.fieldIndex("base_price")),
        r.isNullAt(r.fieldIndex("current_price")) ? null : r.getDecimal(r.fieldIndex("current_price")),
        r.isNullAt(r.fieldIndex("units_sold_24h")) ? 0L : r.getLong(r.fieldIndex("units_sold_24h")),
        !r.isNullAt(r.fieldIndex("product_known")) && r.getBoolean(r.fieldIndex("product_known")));
  }
}
