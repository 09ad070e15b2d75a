package io.clickpulse.session;

import static io.clickpulse.event.EventColumns.DEVICE_ID;
import static io.clickpulse.event.EventColumns.EVENT_ID;
import static io.clickpulse.event.EventColumns.EVENT_NAME;
import static io.clickpulse.event.EventColumns.PRICE;
import static io.clickpulse.event.EventColumns.PRODUCT_ID;
import static io.clickpulse.event.EventColumns.USER_ID;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;

/**
 * The columns sessionization reads from decoded events, the same for the streaming query and the
 * batch re-run: user, device (events without one share the device {@value #UNKNOWN_DEVICE}), event
 * id, name, time as epoch microseconds, product and price. Events without a user id cannot belong
 * to a session and are left out here (they are still in events/).
 */
public final class SessionInput {
  public static final String UNKNOWN_DEVICE = DecodedSchema.UNKNOWN_DEVICE;
  private static final char KEY_SEPARATOR = '\u0001';
  private static final String EVENT_MICROS = "event_micros";

  private SessionInput() {}

  /** Decoded rows of any status → the session columns of the good ones (batch). */
  public static Dataset<Row> select(Dataset<Row> decoded) {
    return project(usable(decoded));
  }

  private static Dataset<Row> usable(Dataset<Row> decoded) {
    return decoded.where(
        col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_OK).and(col(USER_ID).isNotNull()));
  }

  /**
   * Streaming: the same columns; the watermark is computed on event time. With an event-time
   * timeout, Spark's stateful operator silently drops input rows whose watermark column is at or
   * before the watermark; sessionization must record those as late instead. So event time is handed
   * on as a number, and the only column marked as the watermark column (Spark's {@code
   * spark.watermarkDelayMs} metadata, required for the timeout) is a constant far in the future
   * that is never late. The watermark itself still comes from event_time.
   */
  public static Dataset<Row> selectStreaming(Dataset<Row> decoded, Duration allowedLateness) {
    Metadata watermarkColumn =
        new MetadataBuilder().putLong(WATERMARK_DELAY_KEY, allowedLateness.toMillis()).build();
    Dataset<Row> watermarked =
        usable(decoded)
            .withWatermark(EventColumns.EVENT_TIME, allowedLateness.toMillis() + " milliseconds");
    return project(watermarked)
        .withColumn(
            "never_late",
            lit(Timestamp.from(Instant.parse("9999-12-31T00:00:00Z")))
                .as("never_late", watermarkColumn));
  }

  /** Spark's EventTimeWatermark.delayKey. */
  private static final String WATERMARK_DELAY_KEY = "spark.watermarkDelayMs";

  /** The session columns, in this order; rows are read by each name's index, resolved once here. */
  private static final List<String> COLUMNS =
      List.of(USER_ID, DEVICE_ID, EVENT_ID, EVENT_NAME, EVENT_MICROS, PRODUCT_ID, PRICE);

  private static final int USER = COLUMNS.indexOf(USER_ID);
  private static final int DEVICE = COLUMNS.indexOf(DEVICE_ID);
  private static final int ID = COLUMNS.indexOf(EVENT_ID);
  private static final int NAME = COLUMNS.indexOf(EVENT_NAME);
  private static final int MICROS = COLUMNS.indexOf(EVENT_MICROS);
  private static final int PRODUCT = COLUMNS.indexOf(PRODUCT_ID);
  private static final int PRICE_PAID = COLUMNS.indexOf(PRICE);

  private static Dataset<Row> project(Dataset<Row> events) {
    Map<String, Column> columns =
        Map.of(
            USER_ID,
            col(USER_ID),
            DEVICE_ID,
            coalesce(col(DEVICE_ID), lit(UNKNOWN_DEVICE)),
            EVENT_ID,
            col(EVENT_ID),
            EVENT_NAME,
            col(EVENT_NAME),
            EVENT_MICROS,
            unix_micros(col(EventColumns.EVENT_TIME)),
            PRODUCT_ID,
            col(PRODUCT_ID),
            PRICE,
            col(PRICE));
    return events.select(COLUMNS.stream().map(c -> columns.get(c).as(c)).toArray(Column[]::new));
  }

  /** The grouping key: user and device. */
  public static MapFunction<Row, String> key() {
    return r -> r.getString(USER) + KEY_SEPARATOR + r.getString(DEVICE);
  }

  static String[] splitKey(String key) {
    int i = key.indexOf(KEY_SEPARATOR);
    return new String[] {key.substring(0, i), key.substring(i + 1)};
  }

  static OpenEvent event(Row r) {
    return new OpenEvent(
        r.getString(ID),
        r.getLong(MICROS),
        r.getString(NAME),
        r.isNullAt(PRODUCT) ? null : r.getLong(PRODUCT),
        r.isNullAt(PRICE_PAID) ? null : r.getDecimal(PRICE_PAID));
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000L);
  }
}
