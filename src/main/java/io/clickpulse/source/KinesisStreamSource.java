package io.clickpulse.source;

import io.clickpulse.config.ClickpulseConfig;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The clickstream as a streaming Dataset with the connectors' common columns: data,
 * streamName, partitionKey, sequenceNumber, approximateArrivalTimestamp.
 */
public final class KinesisStreamSource {
  private KinesisStreamSource() {}

  public static Dataset<Row> read(SparkSession spark, ClickpulseConfig config, KinesisClient kinesis) {
    List<String> shards = config.streaming().startingPosition().equals("AT_TIMESTAMP")
        ? io.clickpulse.aws.Shards.list(kinesis, config.stream().name()).stream().map(Shard::shardId).toList()
        : List.of();
    return spark.readStream()
        .format(KinesisSourceOptions.format(config.streaming()))
        .options(KinesisSourceOptions.options(config.stream(), config.streaming(), config.aws(), shards))
        .load();
  }
}
