package io.clickpulse.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local metrics: one JSON line per batch ({"time", "job", "batch", "metrics": {...}}) appended to a
 * file.
 */
public final class JsonLinesMetrics implements MetricsSink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public JsonLinesMetrics(Path file) {
    this.file = file;
  }

  @Override
  public void publish(String job, long batchId, Instant at, Map<String, Double> values) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", at.toString());
    line.put("job", job);
    line.put("batch", batchId);
    line.put("metrics", values);
    JsonLinesFile.append(file, line);
  }

  /** The lines of a metrics file (missing file: none), for the demo report and tests. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> read(Path file) {
    return JsonLinesFile.read(file).stream()
        .map(n -> (Map<String, Object>) JSON.convertValue(n, Map.class))
        .toList();
  }
}
