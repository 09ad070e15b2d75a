package io.clickpulse.session;

import static io.clickpulse.event.EventColumns.DEVICE_ID;
import static io.clickpulse.event.EventColumns.EVENT_ID;
import static io.clickpulse.event.EventColumns.EVENT_NAME;
import static io.clickpulse.event.EventColumns.EVENT_TIME;
import static io.clickpulse.event.EventColumns.USER_ID;
import static io.clickpulse.session.SessionColumns.CONVERTED;
import static io.clickpulse.session.SessionColumns.DURATION_SEC;
import static io.clickpulse.session.SessionColumns.ENTRY_ACTION;
import static io.clickpulse.session.SessionColumns.EVENTS;
import static io.clickpulse.session.SessionColumns.EVENT_COUNTS;
import static io.clickpulse.session.SessionColumns.EXIT_ACTION;
import static io.clickpulse.session.SessionColumns.PRODUCTS_VIEWED;
import static io.clickpulse.session.SessionColumns.REVENUE;
import static io.clickpulse.session.SessionColumns.SESSION_END;
import static io.clickpulse.session.SessionColumns.SESSION_ID;
import static io.clickpulse.session.SessionColumns.SESSION_START;
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
    return outputs
        .where(col("kind").equalTo(SessionOutput.SESSION))
        .select(
            col("sessionId").as(SESSION_ID),
            col("userId").as(USER_ID),
            col("deviceId").as(DEVICE_ID),
            col("start").as(SESSION_START),
            col("end").as(SESSION_END),
            col("durationSec").as(DURATION_SEC),
            col("events").as(EVENTS),
            col("entryAction").as(ENTRY_ACTION),
            col("exitAction").as(EXIT_ACTION),
            col("eventCounts").as(EVENT_COUNTS),
            col("productsViewed").as(PRODUCTS_VIEWED),
            col("converted").as(CONVERTED),
            col("revenue").cast("decimal(12,2)").as(REVENUE));
  }

  /** Sessions shorter than the threshold (on {@link #sessions} columns). */
  public static Dataset<Row> alerts(Dataset<Row> sessions, Duration threshold) {
    return sessions
        .where(col(DURATION_SEC).lt(lit(threshold.toSeconds())))
        .select(
            col(SESSION_ID),
            col(USER_ID),
            col(DEVICE_ID),
            col(SESSION_START),
            col(SESSION_END),
            col(DURATION_SEC),
            col(EVENTS),
            col(ENTRY_ACTION),
            col(EXIT_ACTION),
            lit("short_session").as("alert"),
            lit("session shorter than " + threshold.toSeconds() + " s").as("reason"));
  }

  public static Dataset<Row> lateEvents(Dataset<Row> outputs) {
    return outputs
        .where(col("kind").equalTo(SessionOutput.LATE))
        .select(
            col("eventId").as(EVENT_ID),
            col("userId").as(USER_ID),
            col("deviceId").as(DEVICE_ID),
            col("eventName").as(EVENT_NAME),
            col("eventTime").as(EVENT_TIME),
            col("watermark"),
            col("reason"));
  }
}
