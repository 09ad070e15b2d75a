package io.clickpulse.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one JSON line per micro-batch of every query of the job (query name, batch id, input
 * rows, event-time watermark), so a caller (the demo, a test) can tell when each query has caught
 * up, including the sessions query's watermark-only batches that close sessions.
 */
public final class ProgressLog extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  /** One progress line. */
  public record Line(String query, long batchId, long inputRows, String watermark) {}

  public ProgressLog(Path file) {
    this.file = file;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    var p = event.progress();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("query", p.name());
    line.put("batch", p.batchId());
    line.put("input_rows", p.numInputRows());
    line.put("watermark", p.eventTime().getOrDefault("watermark", ""));
    line.put("time", p.timestamp());
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // progress lines are for watching the job; never fail a query for them
      LOG.warn("could not append progress to {}: {}", file, e.toString());
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  public static List<Line> read(Path file) {
    List<Line> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (l.isBlank()) {
          continue;
        }
        var n = JSON.readTree(l);
        out.add(new Line(n.path("query").asText(), n.path("batch").asLong(), n.path("input_rows").asLong(),
            n.path("watermark").asText()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    return out;
  }
}
