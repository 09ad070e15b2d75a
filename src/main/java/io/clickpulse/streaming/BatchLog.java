package io.clickpulse.streaming;

import io.clickpulse.metrics.JsonLinesFile;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-batch counts as JSON lines (records by status and reason, high-intent views, demand items
 * written): the job's log of what each batch did, read by the demo and the tests. Optional: on Glue
 * the same numbers go to the driver log only.
 */
public final class BatchLog implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String file;

  public BatchLog(Optional<Path> file) {
    this.file = file.map(Path::toString).orElse(null);
  }

  /**
   * One line of the log, as written by {@link #record}. demandVisibleMs is 0 when no demand was
   * written.
   */
  public record Entry(
      long batchId,
      Map<String, Long> records,
      long highIntent,
      long demandItemsWritten,
      long completedMs,
      long demandVisibleMs,
      double[] arrivalDecilesMs) {
    /** Records of the batch, good and bad. */
    public long total() {
      return records.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Every entry of a log file, in the order written (a replayed batch appears again); none if
   * absent.
   */
  public static List<Entry> read(Path file) {
    List<Entry> out = new ArrayList<>();
    for (var n : JsonLinesFile.read(file)) {
      Map<String, Long> records = new LinkedHashMap<>();
      n.path("records")
          .fields()
          .forEachRemaining(e -> records.put(e.getKey(), e.getValue().asLong()));
      var d = n.path("arrival_deciles_ms");
      double[] deciles = new double[d.size()];
      for (int i = 0; i < deciles.length; i++) {
        deciles[i] = d.get(i).asDouble();
      }
      out.add(
          new Entry(
              n.get("batch_id").asLong(),
              records,
              n.path("high_intent").asLong(),
              n.path("demand_items_written").asLong(),
              n.path("completed_ms").asLong(),
              n.path("demand_visible_ms").asLong(),
              deciles));
    }
    return out;
  }

  /**
   * The demand query's log beside a lake query's log: {@code streaming-batches.jsonl} → {@code
   * streaming-batches-demand.jsonl}.
   */
  public static Path demandLogOf(Path lakeLog) {
    String name = lakeLog.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String demand =
        dot > 0 ? name.substring(0, dot) + "-demand" + name.substring(dot) : name + "-demand";
    return lakeLog.resolveSibling(demand);
  }

  /** Appends a demand query batch's line (no record counts: that query runs no job for them). */
  synchronized void recordDemand(
      long batchId, BatchOutputs.Demand demand, ArrivalDeciles.Arrivals arrivals, long millis) {
    if (file == null) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("batch_id", batchId);
    line.put("at", Instant.now().toString());
    // what the deciles job counted (absent without it): the weight of the batch's deciles
    line.put("records", arrivals.records() > 0 ? Map.of("read", arrivals.records()) : Map.of());
    line.put("demand_items_written", demand.outcome().written());
    line.put("demand_items_replayed", demand.outcome().replayed());
    line.put("demand_items_reverted", demand.outcome().reverted());
    line.put("millis", millis);
    line.put("completed_ms", System.currentTimeMillis());
    line.put("demand_visible_ms", demand.visibleMs());
    line.put("arrival_deciles_ms", arrivals.decilesMs());
    JsonLinesFile.append(Path.of(file), line);
  }

  /** Appends the summary's line. */
  synchronized void record(BatchSummary batch) {
    if (file == null) {
      return;
    }
    var demand = batch.outputs().demand();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("batch_id", batch.batchId());
    line.put("at", Instant.now().toString());
    line.put("records", batch.counts().byStatus());
    line.put("high_intent", batch.counts().highIntent());
    line.put("demand_items_written", demand.outcome().written());
    line.put("demand_items_replayed", demand.outcome().replayed());
    line.put("demand_items_reverted", demand.outcome().reverted());
    line.put("millis", batch.millis());
    line.put("completed_ms", System.currentTimeMillis());
    if (demand.visibleMs() > 0) {
      line.put("demand_visible_ms", demand.visibleMs());
    }
    line.put("arrival_deciles_ms", batch.arrivalDecilesMs());
    JsonLinesFile.append(Path.of(file), line);
  }
}
