package io.clickpulse.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Everything the streaming job reads from config beyond the shared AWS and table settings. */
public record StreamingConfig(
    Connector connector,
    ConsumerType consumerType,
    String consumerName,
    StartingPosition startingPosition,
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
    boolean arrivalDeciles,
    Optional<String> progressLog,
    Duration runFor,
    DemandPath demandPath,
    Duration demandTriggerInterval,
    String demandCheckpoint,
    int demandStatePartitions,
    int demandReservedSlots) {

  /**
   * Where product_demand is written (streaming.demand-path): by a query of its own on a short
   * trigger, decoupled from the lake writes, or by the lake query's batch (one read of the stream
   * fewer, demand only as fresh as the lake trigger).
   */
  public enum DemandPath {
    SEPARATE,
    IN_BATCH
  }

  /**
   * The Kinesis source (kinesis.connector): qubole's spark-sql-kinesis, or awslabs' format
   * aws-kinesis.
   */
  public enum Connector {
    QUBOLE,
    AWSLABS
  }

  /**
   * How the queries read the stream (kinesis.consumer-type): polling GetRecords, which every reader
   * of a shard shares (5 calls/s, 2 MB/s per shard), or enhanced fan-out (SubscribeToShard, 2 MB/s
   * per shard for each consumer; the awslabs connector only).
   */
  public enum ConsumerType {
    POLLING,
    ENHANCED_FAN_OUT
  }

  /**
   * Where a query without a checkpoint starts reading (kinesis.starting-position), spelled as
   * Kinesis does.
   */
  public enum StartingPosition implements ConfigMode {
    TRIM_HORIZON,
    LATEST,
    AT_TIMESTAMP;

    @Override
    public String configName() {
      return name();
    }
  }

  public static StreamingConfig from(Settings s, LakeConfig lake) {
    Connector connector = s.mode("kinesis.connector", Connector.class);
    ConsumerType consumer = s.mode("kinesis.consumer-type", ConsumerType.class);
    if (consumer == ConsumerType.ENHANCED_FAN_OUT && connector != Connector.AWSLABS) {
      throw new ConfigException(
          "config key 'kinesis.consumer-type' is enhanced-fan-out (from "
              + s.source("kinesis.consumer-type")
              + "), which only the awslabs connector reads: set kinesis.connector=awslabs (its jar"
              + " added with --extra-jars) or kinesis.consumer-type=polling");
    }
    StartingPosition position = s.mode("kinesis.starting-position", StartingPosition.class);
    Optional<Instant> at = s.optionalInstant("kinesis.starting-timestamp");
    if (position == StartingPosition.AT_TIMESTAMP && at.isEmpty()) {
      throw new ConfigException(
          "config key 'kinesis.starting-timestamp' is required when kinesis.starting-position=AT_TIMESTAMP");
    }
    double highIntent = s.doubleIn("streaming.high-intent-threshold", 0, 100, "a percentage 0-100");
    Duration window = s.duration("streaming.demand-window");
    if (window.toMillis() < 1000 || Duration.ofDays(1).toMillis() % window.toMillis() != 0) {
      throw ConfigException.badValue(
          "streaming.demand-window",
          s.rawValue("streaming.demand-window"),
          "a window of at least 1 s that divides a day evenly (e.g. 30s, 1min, 5min, 1h)",
          s.source("streaming.demand-window"));
    }
    List<String> names =
        Arrays.stream(s.string("streaming.pixel-event-names").split(","))
            .map(String::trim)
            .filter(n -> !n.isEmpty())
            .toList();
    return new StreamingConfig(
        connector,
        consumer,
        s.string("kinesis.consumer-name"),
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
        s.bool("streaming.arrival-deciles"),
        s.optional("streaming.progress-log"),
        s.duration("streaming.run-for"),
        s.mode("streaming.demand-path", DemandPath.class),
        s.duration("streaming.demand-trigger-interval"),
        s.optional("streaming.demand-checkpoint").orElse(lake.uri("checkpoints/demand")),
        s.intIn("streaming.demand-state-partitions", 1, 10_000),
        s.intIn("streaming.demand-reserved-slots", 0, 10_000));
  }
}
