package io.clickpulse.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * Where per-batch job metrics go: CloudWatch on AWS ({@link CloudWatchMetrics}), JSON lines locally
 * ({@link JsonLinesMetrics}). Metrics are published after a batch's outputs are written; a replayed
 * batch publishes again (metrics are at-least-once, outputs exactly-once).
 */
public interface MetricsSink extends AutoCloseable {
  /** Publishes one batch's values (name → value) for a job (e.g. "sessions"). */
  void publish(String job, long batchId, Instant at, Map<String, Double> values);

  @Override
  default void close() {}
}
