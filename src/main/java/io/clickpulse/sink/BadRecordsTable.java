package io.clickpulse.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clickpulse.event.EventColumns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows of bad_records/ (athena-ddl/tables/bad_records.sql): the reason, the original bytes, where
 * the record came from, and which job found it (stream, or flatten for a re-run of raw/); its
 * layout (JSON lines by arrival day) is {@link LakeDataset#BAD_RECORDS}.
 */
public final class BadRecordsTable {
  public static final String FROM_STREAM = "stream";
  public static final String FROM_FLATTEN = "flatten";

  private BadRecordsTable() {}

  /**
   * Decoded rows with status bad → bad_records rows (shardId: the Kinesis shard, or a null column).
   */
  public static Dataset<Row> rows(Dataset<Row> bad, Column shardId, String source) {
    Dataset<Row> rows =
        withOrigin(bad, shardId, source)
            .select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
    return LakeDataset.BAD_RECORDS.partitioned(rows);
  }

  public static final String SHARD_ID = "shard_id";
  public static final String SOURCE = "source";

  /** The written columns, in order (the partition columns aside). */
  public static final List<String> COLUMNS =
      List.of(
          EventColumns.REASON,
          EventColumns.REASON_DETAIL,
          EventColumns.PAYLOAD,
          EventColumns.PAYLOAD_BASE64,
          EventColumns.PAYLOAD_BYTES,
          SHARD_ID,
          EventColumns.SEQUENCE_NUMBER,
          EventColumns.PARTITION_KEY,
          EventColumns.ARRIVAL_TIME,
          SOURCE);

  /** Decoded rows with the two columns a bad record adds: its shard and the job that found it. */
  public static Dataset<Row> withOrigin(Dataset<Row> decoded, Column shardId, String source) {
    return decoded.withColumn(SHARD_ID, shardId).withColumn(SOURCE, lit(source));
  }
}
