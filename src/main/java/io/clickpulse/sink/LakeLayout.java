package io.clickpulse.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The lake's datasets and their Hive-style partitions, as Kinesis Data Firehose writes them:
 * {@code year=2026/month=01/day=02/hour=03} (zero-padded, UTC).
 */
public final class LakeLayout {
  public static final String RAW = "raw";
  public static final String EVENTS = "events";
  public static final String BAD_RECORDS = "bad_records";
  public static final String HIGH_INTENT = "high_intent";
  public static final List<String> HOURLY = List.of("year", "month", "day", "hour");
  public static final List<String> DAILY = List.of("year", "month", "day");

  private LakeLayout() {}

  /** Adds year/month/day/hour columns derived from a timestamp column. */
  public static Dataset<Row> withHourPartitions(Dataset<Row> rows, String timeColumn) {
    Column t = col(timeColumn);
    return rows.withColumn("year", date_format(t, "yyyy"))
        .withColumn("month", date_format(t, "MM"))
        .withColumn("day", date_format(t, "dd"))
        .withColumn("hour", date_format(t, "HH"));
  }
}
