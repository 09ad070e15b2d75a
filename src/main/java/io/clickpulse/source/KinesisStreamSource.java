package io.clickpulse.source;

import io.clickpulse.aws.Shards;
import io.clickpulse.config.AwsConfig;
import io.clickpulse.config.StreamConfig;
import io.clickpulse.config.StreamingConfig;
import io.clickpulse.config.StreamingConfig.StartingPosition;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The clickstream as a streaming Dataset with the connectors' common columns: data, streamName,
 * partitionKey, sequenceNumber, approximateArrivalTimestamp.
 */
public final class KinesisStreamSource {
  private KinesisStreamSource() {}

  /**
   * query: the reading query's role (main, demand, sessions), for its enhanced fan-out consumer.
   */
  public static Dataset<Row> read(
      SparkSession spark,
      AwsConfig aws,
      StreamConfig stream,
      StreamingConfig streaming,
      KinesisClient kinesis,
      String query) {
    List<String> shards =
        streaming.startingPosition() == StartingPosition.AT_TIMESTAMP
            ? Shards.list(kinesis, stream.name()).stream().map(Shard::shardId).toList()
            : List.of();
    return spark
        .readStream()
        .format(KinesisSourceOptions.format(streaming))
        .options(KinesisSourceOptions.options(stream, streaming, aws, shards, query))
        .load();
  }
}
