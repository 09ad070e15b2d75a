package io.clickpulse.dev.collect;

import io.clickpulse.config.ConfigException;
import io.clickpulse.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The HTTP collector's collector.* keys (conf/clickpulse-defaults.properties documents each). */
public record CollectorConfig(
    int port,
    int shopPort,
    Path staticDir,
    IngestLimits limits,
    List<String> allowedOrigins,
    Duration linger,
    int maxCallEntries,
    int maxAttempts,
    Duration retryBackoff,
    Duration responseTimeout,
    Duration retryAfter,
    int threads,
    int senders) {

  /** API Gateway's payload limit: no client of the contract may count on more. */
  static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;

  public static CollectorConfig from(Settings s) {
    List<String> origins = s.list("collector.allowed-origins");
    if (origins.isEmpty() || (origins.contains("*") && origins.size() > 1)) {
      throw ConfigException.badValue(
          "collector.allowed-origins",
          s.rawValue("collector.allowed-origins"),
          "* or a comma-separated list of origins",
          s.source("collector.allowed-origins"));
    }
    Duration retryAfter = s.positiveDuration("collector.retry-after");
    if (retryAfter.toMillis() % 1000 != 0) {
      throw ConfigException.badValue(
          "collector.retry-after",
          s.rawValue("collector.retry-after"),
          "whole seconds (Retry-After is in seconds)",
          s.source("collector.retry-after"));
    }
    return new CollectorConfig(
        s.intIn("collector.port", 0, 65535),
        s.intIn("collector.shop-port", 0, 65535),
        Path.of(s.string("collector.static-dir")),
        new IngestLimits(
            s.intIn("collector.max-request-bytes", 1, MAX_REQUEST_BYTES),
            s.intIn("collector.max-events", 1, IngestLimits.MAX_PUT_RECORDS_ENTRIES),
            s.intIn("collector.max-event-bytes", 1, IngestLimits.MAX_KINESIS_RECORD_BYTES)),
        origins,
        s.duration("collector.linger"),
        s.intIn("collector.max-call-entries", 1, IngestLimits.MAX_PUT_RECORDS_ENTRIES),
        s.intIn("collector.max-attempts", 1, 10),
        s.positiveDuration("collector.retry-backoff"),
        s.positiveDuration("collector.response-timeout"),
        retryAfter,
        s.intIn("collector.threads", 1, 256),
        s.intIn("collector.senders", 1, 64));
  }
}
