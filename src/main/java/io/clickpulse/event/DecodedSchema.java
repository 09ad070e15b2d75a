package io.clickpulse.event;

import static io.clickpulse.event.EventColumns.ARRIVAL_TIME;
import static io.clickpulse.event.EventColumns.CLICK_ID;
import static io.clickpulse.event.EventColumns.DEVICE_ID;
import static io.clickpulse.event.EventColumns.ELEMENT_CLICKED;
import static io.clickpulse.event.EventColumns.EVENT_ID;
import static io.clickpulse.event.EventColumns.EVENT_NAME;
import static io.clickpulse.event.EventColumns.EVENT_TIME;
import static io.clickpulse.event.EventColumns.INSERTION_TIME;
import static io.clickpulse.event.EventColumns.PAGE_URL;
import static io.clickpulse.event.EventColumns.PARTITION_KEY;
import static io.clickpulse.event.EventColumns.PAYLOAD;
import static io.clickpulse.event.EventColumns.PAYLOAD_BASE64;
import static io.clickpulse.event.EventColumns.PAYLOAD_BYTES;
import static io.clickpulse.event.EventColumns.PERCENT_VIEWED;
import static io.clickpulse.event.EventColumns.PIXEL_ID;
import static io.clickpulse.event.EventColumns.PRICE;
import static io.clickpulse.event.EventColumns.PRODUCT_ID;
import static io.clickpulse.event.EventColumns.REASON;
import static io.clickpulse.event.EventColumns.REASON_DETAIL;
import static io.clickpulse.event.EventColumns.REFERRER;
import static io.clickpulse.event.EventColumns.RESTAURANT_NAME;
import static io.clickpulse.event.EventColumns.SEQUENCE_NUMBER;
import static io.clickpulse.event.EventColumns.SOURCE_SHAPE;
import static io.clickpulse.event.EventColumns.STATUS;
import static io.clickpulse.event.EventColumns.TIME_ON_DATA;
import static io.clickpulse.event.EventColumns.TIME_SPENT;
import static io.clickpulse.event.EventColumns.USER_AGENT;
import static io.clickpulse.event.EventColumns.USER_ID;
import static io.clickpulse.event.EventColumns.USER_IP;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of a decoded record: the canonical event (null where a shape lacks a field, all null for
 * a bad record), the verdict, and where the record came from. One flat schema for good and bad
 * records lets both pass the same dedup before they are split per sink. Each column is declared
 * here once, name and type; the order is the written order (events/, bad_records/ and
 * athena-ddl/tables follow it), and code sets and reads columns by name, never by position.
 */
public final class DecodedSchema {
  public static final String STATUS_OK = "ok";
  public static final String STATUS_BAD = "bad";

  /**
   * The device of events that name none: they share it (app events without device_id, sessions).
   */
  public static final String UNKNOWN_DEVICE = "unknown";

  /** The canonical event columns: one per {@link ClickEventRecord} component. */
  public static final StructType EVENT =
      new StructType(
          new StructField[] {
            field(EVENT_ID, StringType),
            field(SOURCE_SHAPE, StringType),
            field(EVENT_NAME, StringType),
            field(EVENT_TIME, TimestampType),
            field(USER_ID, StringType),
            field(DEVICE_ID, StringType),
            field(PIXEL_ID, StringType),
            field(CLICK_ID, StringType),
            field(INSERTION_TIME, TimestampType),
            field(USER_IP, StringType),
            field(USER_AGENT, StringType),
            field(PAGE_URL, StringType),
            field(REFERRER, StringType),
            field(PRODUCT_ID, LongType),
            field(PRICE, DataTypes.createDecimalType(12, 2)),
            field(PERCENT_VIEWED, DoubleType),
            field(TIME_ON_DATA, IntegerType),
            field(ELEMENT_CLICKED, StringType),
            field(TIME_SPENT, DoubleType),
            field(RESTAURANT_NAME, StringType)
          });

  /** The verdict, and where the record came from as the Kinesis source reports it. */
  public static final StructType ORIGIN =
      new StructType(
          new StructField[] {
            field(STATUS, StringType), field(REASON, StringType), field(REASON_DETAIL, StringType),
            field(PARTITION_KEY, StringType), field(SEQUENCE_NUMBER, StringType),
                field(ARRIVAL_TIME, TimestampType),
            field(PAYLOAD, StringType), field(PAYLOAD_BASE64, StringType),
                field(PAYLOAD_BYTES, IntegerType)
          });

  public static final StructType DECODED;

  static {
    StructType s = EVENT;
    for (StructField f : ORIGIN.fields()) {
      s = s.add(f);
    }
    DECODED = s;
  }

  private DecodedSchema() {}

  /**
   * The column's position in {@link #DECODED}: for code that fills rows, resolved once (a missing
   * name throws).
   */
  public static int index(String column) {
    return DECODED.fieldIndex(column);
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
