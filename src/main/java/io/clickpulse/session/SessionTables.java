package io.clickpulse.session;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The output tables' columns, from the sessionizers' {@link SessionOutput} rows: the one place
 * their names and types are set (sessions/, session_alerts/, late_events/).
 */
public final class SessionTables {
  private SessionTables() {}

  public static Dataset<Row> sessions(Dataset<Row> outputs) {
    return outputs.where(col("kind").equalTo(SessionOutput.SESSION)).select(
        col("sessionId").as("session_id"), col("userId").as("user_id"), col("deviceId").as("device_id"),
        col("start").as("session_start"), col("end").as("session_end"), col("durationSec").as("duration_sec"),
        col("events"), col("entryAction").as("entry_action"), col("exitAction").as("exit_action"),
        col("eventCounts").as("event_counts"), col("productsViewed").as("products_viewed"), col("converted"),
        col("revenue").cast("decimal(12,2)").as("revenue"));
  }

  /** Sessions shorter than the threshold (on {@link #sessions} columns). */
  public static Dataset<Row> alerts(Dataset<Row> sessions, Duration threshold) {
    return sessions.where(col("duration_sec").lt(lit(threshold.toSeconds()))).select(
        col("session_id"), col("user_id"), col("device_id"), col("session_start"), col("session_end"),
        col("duration_sec"), col("events"), col("entry_action"), col("exit_action"),
        lit("short_session").as("alert"),
        lit("session shorter than " + threshold.toSeconds() + " s").as("reason"));
  }

  public static Dataset<Row> lateEvents(Dataset<Row> outputs) {
    return outputs.where(col("kind").equalTo(SessionOutput.LATE)).select(
        col("eventId").as("event_id"), col("userId").as("user_id"), col("deviceId").as("device_id"),
        col("eventName").as("event_name"), col("eventTime").as("event_time"), col("watermark"), col("reason"));
  }
}
