package io.clickpulse.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows of bad_records/ (athena-ddl/tables/bad_records.sql): the reason, the original bytes, where
 * the record came from, and which job found it (stream, or flatten for a re-run of raw/),
 * partitioned by arrival day.
 */
public final class BadRecordsTable {
  public static final String FROM_STREAM = "stream";
  public static final String FROM_FLATTEN = "flatten";

  private BadRecordsTable() {}

  /**
   * The bad_records/ sink: JSON lines by arrival day, timestamps as Hive's JSON SerDe reads them
   * (Spark's default ISO text with a T and a zone fails Athena's reader).
   */
  public static IdempotentFileSink sink(io.clickpulse.config.LakeConfig lake) {
    return sink(lake.uri(LakeLayout.BAD_RECORDS));
  }

  /** The same sink at another location (the benchmark's local lake). */
  public static IdempotentFileSink sink(String uri) {
    return new IdempotentFileSink(uri, "json",
        java.util.Map.of("compression", "none", "timestampFormat", "yyyy-MM-dd HH:mm:ss.SSS"), LakeLayout.DAILY);
  }

  /** Decoded rows with status bad → bad_records rows (shardId: the Kinesis shard, or a null column). */
  public static Dataset<Row> rows(Dataset<Row> bad, Column shardId, String source) {
    Dataset<Row> rows = bad.select(col("reason"), col("reason_detail"), col("payload"), col("payload_base64"),
        col("payload_bytes"), shardId.as("shard_id"), col("sequence_number"), col("partition_key"), col("arrival_time"),
        lit(source).as("source"));
    return LakeLayout.withHourPartitions(rows, "arrival_time").drop("hour");
  }
}
