package io.clickpulse.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Everything the streaming job reads from config beyond the shared AWS and table settings. */
public record StreamingConfig(
    String connector,
    String startingPosition,
    Optional<Instant> startingTimestamp,
    int maxFetchRecordsPerShard,
    Duration maxFetchTime,
    int maxRecordsPerRead,
    Duration triggerInterval,
    String checkpoint,
    int statePartitions,
    Duration dedupWatermark,
    int maxRecordBytes,
    Duration maxEventAge,
    Duration maxEventFuture,
    List<String> pixelEventNames,
    Duration demandWindow,
    Duration demandTtl,
    double highIntentThreshold,
    Duration referenceRefresh,
    Optional<String> batchLog,
    Optional<String> progressLog,
    Duration runFor) {

  public static StreamingConfig from(Settings s, LakeConfig lake) {
    String connector = s.string("kinesis.connector");
    if (!connector.equals("qubole") && !connector.equals("awslabs")) {
      throw ConfigException.badValue("kinesis.connector", connector, "qubole or awslabs", s.source("kinesis.connector"));
    }
    String position = s.string("kinesis.starting-position").toUpperCase();
    if (!List.of("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP").contains(position)) {
      throw ConfigException.badValue("kinesis.starting-position", position, "TRIM_HORIZON, LATEST or AT_TIMESTAMP", s.source("kinesis.starting-position"));
    }
    Optional<Instant> at = s.optionalInstant("kinesis.starting-timestamp");
    if (position.equals("AT_TIMESTAMP") && at.isEmpty()) {
      throw new ConfigException("config key 'kinesis.starting-timestamp' is required when kinesis.starting-position=AT_TIMESTAMP");
    }
    double highIntent = s.doubleIn("streaming.high-intent-threshold", 0, 100, "a percentage 0-100");
    Duration window = s.duration("streaming.demand-window");
    if (window.toMillis() < 1000 || Duration.ofDays(1).toMillis() % window.toMillis() != 0) {
      throw ConfigException.badValue("streaming.demand-window", s.rawValue("streaming.demand-window"),
          "a window of at least 1 s that divides a day evenly (e.g. 30s, 1min, 5min, 1h)", s.source("streaming.demand-window"));
    }
    List<String> names = Arrays.stream(s.string("streaming.pixel-event-names").split(","))
        .map(String::trim).filter(n -> !n.isEmpty()).toList();
    return new StreamingConfig(
        connector,
        position,
        at,
        s.intIn("kinesis.max-fetch-records-per-shard", 1, 10_000_000),
        s.positiveDuration("kinesis.max-fetch-time"),
        s.intIn("kinesis.max-records-per-read", 1, 10_000),
        s.duration("streaming.trigger-interval"),
        s.optional("streaming.checkpoint").orElse(lake.uri("checkpoints/streaming")),
        s.intIn("streaming.state-partitions", 1, 10_000),
        s.positiveDuration("streaming.dedup-watermark"),
        s.intIn("streaming.max-record-bytes", 64, 1024 * 1024),
        s.positiveDuration("streaming.max-event-age"),
        s.duration("streaming.max-event-future"),
        names,
        window,
        s.positiveDuration("streaming.demand-ttl"),
        highIntent,
        s.positiveDuration("streaming.reference-refresh"),
        s.optional("streaming.batch-log"),
        s.optional("streaming.progress-log"),
        s.duration("streaming.run-for"));
  }
}
