package io.clickpulse.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.aggregate.DemandStore;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-batch counts as JSON lines (records by status and reason, high-intent views, demand items
 * written): the job's log of what each batch did, read by the demo and the tests. Optional: on
 * Glue the same numbers go to the driver log only.
 */
public final class BatchLog implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String file;

  public BatchLog(Optional<Path> file) {
    this.file = file.map(Path::toString).orElse(null);
  }

  public synchronized void record(long batchId, Map<String, Long> counts, long highIntent, DemandStore.Outcome demand,
      long millis, double[] arrivalDecilesMs, long demandVisibleMs) {
    if (file == null) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("batch_id", batchId);
    line.put("at", Instant.now().toString());
    line.put("records", counts);
    line.put("high_intent", highIntent);
    line.put("demand_items_written", demand.written());
    line.put("demand_items_already_applied", demand.alreadyApplied());
    line.put("millis", millis);
    line.put("completed_ms", System.currentTimeMillis());
    if (demandVisibleMs > 0) {
      line.put("demand_visible_ms", demandVisibleMs);
    }
    line.put("arrival_deciles_ms", arrivalDecilesMs);
    try {
      Path p = Path.of(file);
      Files.createDirectories(p.toAbsolutePath().getParent());
      Files.writeString(p, new ObjectMapper().writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
