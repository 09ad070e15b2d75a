package io.clickpulse.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Local metrics: one JSON line per batch ({"time", "job", "batch", "metrics": {...}}) appended to a file. */
public final class JsonLinesMetrics implements MetricsSink {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public JsonLinesMetrics(Path file) {
    this.file = file;
  }

  @Override
  public synchronized void publish(String job, long batchId, Instant at, Map<String, Double> values) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", at.toString());
    line.put("job", job);
    line.put("batch", batchId);
    line.put("metrics", values);
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("appending metrics to " + file, e);
    }
  }

  /** The lines of a metrics file (missing file: none), for the demo report and tests. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> read(Path file) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!l.isBlank()) {
          out.add(JSON.readValue(l, Map.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading metrics " + file, e);
    }
    return out;
  }
}
