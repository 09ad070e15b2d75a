package io.clickpulse.session;

import static io.clickpulse.event.EventColumns.DEVICE_ID;
import static io.clickpulse.event.EventColumns.EVENT_ID;
import static io.clickpulse.event.EventColumns.EVENT_NAME;
import static io.clickpulse.event.EventColumns.EVENT_TIME;
import static io.clickpulse.event.EventColumns.USER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.window;

import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The sessions the Kinesis Data Analytics SQL application produced with stagger windows,
 * partitioned by user, device and the event time rounded down to the step (30 s with STEP, 1 min
 * with FLOOR TO MINUTE), with exactly its columns:
 *
 * <ul>
 *   <li>{@code session_id} = upper(first 3 characters of user_id + '_' + first 3 of device_id +
 *       unix seconds of timeagg), e.g. {@code 20_MOB1543534500} (the SQL cast user_id to
 *       VARCHAR(3), so longer user ids are cut to 3 characters, as there);
 *   <li>{@code user_id}, {@code device_id}, {@code timeagg} (the rounded timestamp);
 *   <li>{@code events} (count), {@code beginnavigation} / {@code endnavigation} (first / last event
 *       name by event time);
 *   <li>{@code beginsession} / {@code endsession}: characters 15-23 of the first / last timestamp
 *       as text ({@code mm:ss.fff});
 *   <li>{@code duration_sec}: whole seconds between them (TSDIFF in ms / 1000, truncated).
 * </ul>
 *
 * Input: events with user_id, device_id, event_name, event_time (and event_id to break ties).
 */
public final class StaggerSessions {
  public static final Duration STEP_30_SECONDS = Duration.ofSeconds(30);
  public static final Duration FLOOR_MINUTE = Duration.ofMinutes(1);

  /** The rows' own columns (user_id, device_id, session_id, events, duration_sec: shared names). */
  public static final String TIMEAGG = "timeagg";

  public static final String BEGIN_NAVIGATION = "beginnavigation";
  public static final String END_NAVIGATION = "endnavigation";
  public static final String BEGIN_SESSION = "beginsession";
  public static final String END_SESSION = "endsession";

  private StaggerSessions() {}

  /**
   * The windows shorter than the threshold (on {@link #sessions} rows), as stagger_session_alerts/
   * holds them.
   */
  public static Dataset<Row> alerts(Dataset<Row> sessions, Duration threshold) {
    return sessions
        .where(col("duration_sec").lt(lit(threshold.toSeconds())))
        .select(
            col("session_id"),
            col(USER_ID),
            col(DEVICE_ID),
            col(TIMEAGG),
            col("events"),
            col(BEGIN_NAVIGATION),
            col(END_NAVIGATION),
            col("duration_sec"),
            lit("short_session").as("alert"),
            lit("window's events span less than " + threshold.toSeconds() + " s").as("reason"));
  }

  public static Dataset<Row> sessions(Dataset<Row> events, Duration step) {
    if (step.toSeconds() < 1 || step.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("stagger step must be whole seconds, got " + step);
    }
    long s = step.toSeconds();
    Column order = struct(col(EVENT_TIME), col(EVENT_ID));
    Dataset<Row> grouped =
        events
            .where(
                col(USER_ID)
                    .isNotNull()
                    .and(col(DEVICE_ID).isNotNull())
                    .and(col(EVENT_TIME).isNotNull()))
            // a tumbling window of the step is the SQL's rounding, and lets a streaming query close
            // each group once the event-time watermark passed it
            .groupBy(col(USER_ID), col(DEVICE_ID), window(col(EVENT_TIME), s + " seconds").as("w"))
            .agg(
                count(lit(1)).cast("int").as("events"),
                min_by(col(EVENT_NAME), order).as("beginnavigation"),
                max_by(col(EVENT_NAME), order).as("endnavigation"),
                min(col(EVENT_TIME)).as("first_time"),
                max(col(EVENT_TIME)).as("last_time"))
            .withColumn("timeagg", col("w.start"));
    return grouped.select(
        upper(
                concat(
                    substring(col(USER_ID), 1, 3),
                    lit("_"),
                    substring(col(DEVICE_ID), 1, 3),
                    unix_seconds(col("timeagg")).cast("string")))
            .as("session_id"),
        col(USER_ID),
        col(DEVICE_ID),
        col("timeagg"),
        col("events"),
        col("beginnavigation"),
        col("endnavigation"),
        date_format(col("first_time"), "mm:ss.SSS").as("beginsession"),
        date_format(col("last_time"), "mm:ss.SSS").as("endsession"),
        floor(unix_micros(col("last_time")).minus(unix_micros(col("first_time"))).divide(1_000_000))
            .cast("int")
            .as("duration_sec"));
  }
}
