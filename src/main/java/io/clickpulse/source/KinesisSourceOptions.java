package io.clickpulse.source;

import io.clickpulse.config.AwsConfig;
import io.clickpulse.config.StreamConfig;
import io.clickpulse.config.StreamingConfig;
import io.clickpulse.config.StreamingConfig.Connector;
import io.clickpulse.config.StreamingConfig.ConsumerType;
import io.clickpulse.config.StreamingConfig.StartingPosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader options for the two Kinesis connectors, from one config. The qubole source is referred to
 * by class name because Glue registers its own "kinesis" format.
 */
public final class KinesisSourceOptions {
  public static final String QUBOLE_FORMAT = "org.apache.spark.sql.kinesis.KinesisSourceProvider";
  public static final String AWSLABS_FORMAT = "aws-kinesis";

  private KinesisSourceOptions() {}

  public static String format(StreamingConfig streaming) {
    return switch (streaming.connector()) {
      case AWSLABS -> AWSLABS_FORMAT;
      case QUBOLE -> QUBOLE_FORMAT;
    };
  }

  /**
   * @param shardIds the stream's shards, needed only for AT_TIMESTAMP with the qubole source (it
   *     takes a per-shard JSON position)
   */
  public static Map<String, String> options(
      StreamConfig stream, StreamingConfig s, AwsConfig aws, List<String> shardIds) {
    return options(stream, s, aws, shardIds, "main");
  }

  /**
   * query: which of the job's queries reads (main, demand, sessions): with enhanced fan-out each
   * registers a consumer of its own, as Kinesis requires.
   */
  public static Map<String, String> options(
      StreamConfig stream, StreamingConfig s, AwsConfig aws, List<String> shardIds, String query) {
    String endpoint =
        aws.kinesisEndpoint()
            .map(Object::toString)
            .orElse("https://kinesis." + aws.region() + ".amazonaws.com");
    Map<String, String> o = new LinkedHashMap<>();
    if (s.connector() == Connector.AWSLABS) {
      o.put("kinesis.streamName", stream.name());
      o.put("kinesis.endpointUrl", endpoint);
      // its region guess from the endpoint host fails on http://127.0.0.1:port
      o.put("kinesis.region", aws.region());
      o.put("kinesis.kinesisRegion", aws.region());
      if (s.consumerType() == ConsumerType.ENHANCED_FAN_OUT) {
        o.put("kinesis.consumerType", "SubscribeToShard");
        o.put("kinesis.consumerName", s.consumerName() + "-" + query);
      } else {
        o.put("kinesis.consumerType", "GetRecords");
      }
      o.put(
          "kinesis.startingPosition",
          s.startingPosition() == StartingPosition.AT_TIMESTAMP
              ? "AT_TIMESTAMP " + s.startingTimestamp().orElseThrow()
              : s.startingPosition().name());
      o.put("kinesis.maxFetchRecordsPerShard", String.valueOf(s.maxFetchRecordsPerShard()));
      // the awslabs connector refuses less than 10 s per shard fetch
      o.put(
          "kinesis.maxFetchTimePerShardSec",
          String.valueOf(Math.max(10, s.maxFetchTime().toSeconds())));
      o.put("kinesis.getRecords.numberOfRecordsPerFetch", String.valueOf(s.maxRecordsPerRead()));
      o.put("kinesis.failOnDataLoss", "false");
      // without keys it uses the SDK v2 DefaultCredentialsProvider (the job role on Glue)
      aws.staticCredentials()
          .ifPresent(
              c -> {
                o.put("kinesis.awsAccessKeyId", c.accessKeyId());
                o.put("kinesis.awsSecretKey", c.secretAccessKey());
              });
      return o;
    }
    o.put("streamName", stream.name());
    o.put("endpointUrl", endpoint);
    o.put("regionName", aws.region());
    o.put("startingPosition", quboleStartingPosition(stream, s, shardIds));
    o.put("kinesis.executor.maxFetchRecordsPerShard", String.valueOf(s.maxFetchRecordsPerShard()));
    o.put("kinesis.executor.maxFetchTimeInMs", String.valueOf(s.maxFetchTime().toMillis()));
    o.put("kinesis.executor.maxRecordPerRead", String.valueOf(s.maxRecordsPerRead()));
    o.put("kinesis.client.avoidEmptyBatches", "true");
    // a reshard closes parent shards; their unread records must not count as data loss
    o.put("failOnDataLoss", "false");
    // Without keys the source defaults to EC2 instance metadata alone (awsUseInstanceProfile=true);
    // false makes it the SDK v1 default chain (environment, system properties, profile file, web
    // identity, then the container credentials endpoint or instance metadata), which holds the
    // credentials of the Glue job's role. Keys, when given (the emulators), win over both.
    o.put("awsUseInstanceProfile", "false");
    aws.staticCredentials()
        .ifPresent(
            c -> {
              o.put("awsAccessKeyId", c.accessKeyId());
              o.put("awsSecretKey", c.secretAccessKey());
            });
    return o;
  }

  static String quboleStartingPosition(
      StreamConfig stream, StreamingConfig s, List<String> shardIds) {
    return switch (s.startingPosition()) {
      case TRIM_HORIZON -> "trim_horizon";
      case LATEST -> "latest";
      case AT_TIMESTAMP -> {
        StringBuilder json =
            new StringBuilder(
                "{\"metadata\":{\"streamName\":\"" + stream.name() + "\",\"batchId\":\"0\"}");
        String millis = String.valueOf(s.startingTimestamp().orElseThrow().toEpochMilli());
        for (String shard : shardIds) {
          json.append(",\"")
              .append(shard)
              .append("\":{\"iteratorType\":\"AT_TIMESTAMP\",\"iteratorPosition\":\"")
              .append(millis)
              .append("\"}");
        }
        yield json.append('}').toString();
      }
    };
  }
}
