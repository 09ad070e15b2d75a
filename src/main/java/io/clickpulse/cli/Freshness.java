package io.clickpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Put → visible latency percentiles from the streaming job's batch log: each batch logs its
 * records' arrival-time deciles and when every output was written; each decile interval stands
 * for a tenth of the batch's records, at the interval's midpoint.
 */
final class Freshness {
  record Sample(double latencyMs, double weight) {}

  private Freshness() {}

  /** Latency to the time in {@code field}: completed_ms (every output) or demand_visible_ms. */
  static List<Sample> samples(Path batchLog, String field) {
    List<Sample> out = new ArrayList<>();
    try {
      ObjectMapper json = new ObjectMapper();
      for (String line : Files.readAllLines(batchLog)) {
        JsonNode n = json.readTree(line);
        JsonNode d = n.get("arrival_deciles_ms");
        if (d == null || d.size() != 11 || !n.has(field)) {
          continue;
        }
        long records = 0;
        for (JsonNode v : (Iterable<JsonNode>) n.get("records")::elements) {
          records += v.asLong();
        }
        double completed = n.get(field).asDouble();
        for (int i = 0; i < 10; i++) {
          double mid = (d.get(i).asDouble() + d.get(i + 1).asDouble()) / 2;
          out.add(new Sample(completed - mid, records / 10.0));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
