package io.clickpulse.session;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import io.clickpulse.event.DecodedSchema;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;

/**
 * The columns sessionization reads from decoded events, the same for the streaming query and the
 * batch re-run: user, device (events without one share the device {@value #UNKNOWN_DEVICE}),
 * event id, name, time as epoch microseconds, product and price. Events without a user id cannot
 * belong to a session and are left out here (they are still in events/).
 */
public final class SessionInput {
  public static final String UNKNOWN_DEVICE = DecodedSchema.UNKNOWN_DEVICE;
  private static final char KEY_SEPARATOR = '\u0001';

  private SessionInput() {}

  /** Decoded rows of any status → the session columns of the good ones (batch). */
  public static Dataset<Row> select(Dataset<Row> decoded) {
    return project(usable(decoded));
  }

  private static Dataset<Row> usable(Dataset<Row> decoded) {
    return decoded.where(col("status").equalTo(DecodedSchema.STATUS_OK).and(col("user_id").isNotNull()));
  }

  /**
   * Streaming: the same columns; the watermark is computed on event time. With an event-time
   * timeout, Spark's stateful operator silently drops input rows whose watermark column is at or
   * before the watermark; sessionization must record those as late instead. So event time is
   * handed on as a number, and the only column marked as the watermark column (Spark's
   * {@code spark.watermarkDelayMs} metadata, required for the timeout) is a constant far in the
   * future that is never late. The watermark itself still comes from event_time.
   */
  public static Dataset<Row> selectStreaming(Dataset<Row> decoded, Duration allowedLateness) {
    Metadata watermarkColumn = new MetadataBuilder().putLong(WATERMARK_DELAY_KEY, allowedLateness.toMillis()).build();
    Dataset<Row> watermarked = usable(decoded).withWatermark("event_time", allowedLateness.toMillis() + " milliseconds");
    return project(watermarked).withColumn("never_late",
        lit(java.sql.Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"))).as("never_late", watermarkColumn));
  }

  /** Spark's EventTimeWatermark.delayKey. */
  private static final String WATERMARK_DELAY_KEY = "spark.watermarkDelayMs";

  private static Dataset<Row> project(Dataset<Row> events) {
    return events.select(col("user_id"), coalesce(col("device_id"), lit(UNKNOWN_DEVICE)).as("device_id"),
        col("event_id"), col("event_name"), unix_micros(col("event_time")).as("event_micros"),
        col("product_id"), col("price"));
  }

  /** The grouping key: user and device. */
  public static MapFunction<Row, String> key() {
    return r -> r.getString(0) + KEY_SEPARATOR + r.getString(1);
  }

  static String[] splitKey(String key) {
    int i = key.indexOf(KEY_SEPARATOR);
    return new String[] {key.substring(0, i), key.substring(i + 1)};
  }

  static OpenEvent event(Row r) {
    return new OpenEvent(r.getString(2), r.getLong(4), r.getString(3), r.isNullAt(5) ? null : r.getLong(5),
        r.isNullAt(6) ? null : r.getDecimal(6));
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000L);
  }
}
