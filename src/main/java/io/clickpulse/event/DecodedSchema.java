package io.clickpulse.event;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of a decoded record: the canonical event (null where a shape lacks a field, all null
 * for a bad record), the verdict, and where the record came from. One flat schema for good and
 * bad records lets both pass the same dedup before they are split per sink.
 */
public final class DecodedSchema {
  public static final String STATUS_OK = "ok";
  public static final String STATUS_BAD = "bad";
  /** The device of events that name none: they share it (app events without device_id, sessions). */
  public static final String UNKNOWN_DEVICE = "unknown";

  /** The canonical event columns, in the order of {@link ClickEventRecord}. */
  public static final StructType EVENT = new StructType(new StructField[] {
      field("event_id", StringType), field("source_shape", StringType), field("event_name", StringType),
      field("event_time", TimestampType), field("user_id", StringType), field("device_id", StringType),
      field("pixel_id", StringType), field("click_id", StringType), field("insertion_time", TimestampType),
      field("user_ip", StringType), field("user_agent", StringType), field("page_url", StringType),
      field("referrer", StringType),
      field("product_id", LongType), field("price", DataTypes.createDecimalType(12, 2)),
      field("percent_viewed", DoubleType), field("time_on_data", IntegerType),
      field("element_clicked", StringType), field("time_spent", DoubleType), field("restaurant_name", StringType)});

  /** Where the record came from, as the Kinesis source reports it. */
  public static final StructType ORIGIN = new StructType(new StructField[] {
      field("status", StringType), field("reason", StringType), field("reason_detail", StringType),
      field("partition_key", StringType), field("sequence_number", StringType), field("arrival_time", TimestampType),
      field("payload", StringType), field("payload_base64", StringType), field("payload_bytes", IntegerType)});

  public static final StructType DECODED;

  static {
    StructType s = EVENT;
    for (StructField f : ORIGIN.fields()) {
      s = s.add(f);
    }
    DECODED = s;
  }

  private DecodedSchema() {}

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
