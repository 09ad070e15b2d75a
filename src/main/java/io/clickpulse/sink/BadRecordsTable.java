package io.clickpulse.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clickpulse.event.EventColumns;
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
        bad.select(
            col(EventColumns.REASON),
            col(EventColumns.REASON_DETAIL),
            col(EventColumns.PAYLOAD),
            col(EventColumns.PAYLOAD_BASE64),
            col(EventColumns.PAYLOAD_BYTES),
            shardId.as("shard_id"),
            col(EventColumns.SEQUENCE_NUMBER),
            col(EventColumns.PARTITION_KEY),
            col(EventColumns.ARRIVAL_TIME),
            lit(source).as("source"));
    return LakeDataset.BAD_RECORDS.partitioned(rows);
  }
}
