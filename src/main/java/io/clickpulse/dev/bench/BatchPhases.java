package io.clickpulse.dev.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Where a query's batches spend their time, from Spark's progress reports: the median of each phase
 * (latestOffset, walCommit, addBatch = the batch's own work, commitOffsets, …) over the batches
 * from a batch id on.
 */
public final class BatchPhases {
  private BatchPhases() {}

  public static Map<String, Long> medians(StreamingQuery query, long fromBatch) {
    Map<String, List<Long>> phases = new TreeMap<>();
    for (StreamingQueryProgress p : query.recentProgress()) {
      if (p.batchId() < fromBatch || p.numInputRows() == 0) {
        continue;
      }
      p.durationMs().forEach((k, v) -> phases.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    Map<String, Long> medians = new LinkedHashMap<>();
    phases.forEach(
        (k, v) -> {
          List<Long> sorted = v.stream().sorted().toList();
          medians.put(k, sorted.get(sorted.size() / 2));
        });
    return medians;
  }
}
