package io.clickpulse.dev.cli;

import io.clickpulse.streaming.BatchLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Put → visible latency percentiles from the streaming job's batch log: each batch logs its
 * records' arrival-time deciles and when every output was written; each decile interval stands for
 * a tenth of the batch's records, at the interval's midpoint.
 */
final class Freshness {
  record Sample(double latencyMs, double weight) {}

  private Freshness() {}

  /** Latency to the time in {@code field}: completed_ms (every output) or demand_visible_ms. */
  static List<Sample> samples(Path batchLog, String field) {
    return samples(batchLog, field, 0);
  }

  /** The same, skipping the log's first {@code skip} entries (a warm-up's batches). */
  static List<Sample> samples(Path batchLog, String field, int skip) {
    List<Sample> out = new ArrayList<>();
    List<BatchLog.Entry> entries = BatchLog.read(batchLog);
    for (BatchLog.Entry e : entries.subList(Math.min(skip, entries.size()), entries.size())) {
      double[] d = e.arrivalDecilesMs();
      long visible =
          switch (field) {
            case "completed_ms" -> e.completedMs();
            case "demand_visible_ms" -> e.demandVisibleMs();
            default ->
                throw new IllegalArgumentException("no such time in the batch log: " + field);
          };
      if (d.length != 11 || visible == 0) {
        continue;
      }
      for (int i = 0; i < 10; i++) {
        out.add(new Sample(visible - (d[i] + d[i + 1]) / 2, e.total() / 10.0));
      }
    }
    return out;
  }

  static double percentile(List<Sample> samples, double p) {
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparingDouble(Sample::latencyMs));
    double total = sorted.stream().mapToDouble(Sample::weight).sum();
    double seen = 0;
    for (Sample s : sorted) {
      seen += s.weight();
      if (seen >= p * total) {
        return s.latencyMs();
      }
    }
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1).latencyMs();
  }
}
