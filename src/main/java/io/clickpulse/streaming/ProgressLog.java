package io.clickpulse.streaming;

import io.clickpulse.metrics.JsonLinesFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
      JsonLinesFile.append(file, line);
    } catch (UncheckedIOException e) {
      // progress lines are for watching the job; never fail a query for them
      LOG.warn("could not append progress to {}: {}", file, e.toString());
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  public static List<Line> read(Path file) {
    return JsonLinesFile.read(file).stream()
        .map(
            n ->
                new Line(
                    n.path("query").asText(),
                    n.path("batch").asLong(),
                    n.path("input_rows").asLong(),
                    n.path("watermark").asText()))
        .toList();
  }
}
