package io.clickpulse.alert;

import static io.clickpulse.event.EventColumns.DEVICE_ID;
import static io.clickpulse.event.EventColumns.USER_ID;
import static io.clickpulse.session.SessionColumns.DURATION_SEC;
import static io.clickpulse.session.SessionColumns.EVENTS;
import static io.clickpulse.session.SessionColumns.SESSION_END;
import static io.clickpulse.session.SessionColumns.SESSION_ID;
import static io.clickpulse.session.SessionColumns.SESSION_START;

import io.clickpulse.session.StaggerSessions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch's alert rows (session_alerts/ or stagger_session_alerts/ columns) collected to the
 * driver, they are few, and delivered through the alert sink once the batch's files are written.
 */
public final class AlertRows {
  private static final Logger LOG = LoggerFactory.getLogger(AlertRows.class);

  private AlertRows() {}

  /** Gap mode: rows of {@link io.clickpulse.session.SessionTables#alerts}. */
  public static List<SessionAlert> gap(Dataset<Row> alerts) {
    return alerts.collectAsList().stream()
        .map(
            r ->
                SessionAlert.gap(
                    r.getAs(SESSION_ID),
                    r.getAs(USER_ID),
                    r.getAs(DEVICE_ID),
                    r.<Timestamp>getAs(SESSION_START).toInstant(),
                    r.<Timestamp>getAs(SESSION_END).toInstant(),
                    r.<Number>getAs(DURATION_SEC).longValue(),
                    r.<Number>getAs(EVENTS).longValue(),
                    r.getAs("reason")))
        .toList();
  }

  /** Stagger mode: rows of {@link StaggerSessions#alerts}, windows of {@code step}. */
  public static List<SessionAlert> stagger(Dataset<Row> alerts, Duration step) {
    return alerts.collectAsList().stream()
        .map(
            r -> {
              Instant start = r.<Timestamp>getAs(StaggerSessions.TIMEAGG).toInstant();
              return SessionAlert.stagger(
                  r.getAs(SESSION_ID),
                  r.getAs(USER_ID),
                  r.getAs(DEVICE_ID),
                  start,
                  start.plus(step),
                  r.<Number>getAs(DURATION_SEC).longValue(),
                  r.<Number>getAs(EVENTS).longValue(),
                  r.getAs("reason"));
            })
        .toList();
  }

  /**
   * Delivers them; never throws (a failure is logged and counted). Returns the batch's delivery
   * metrics.
   */
  public static Map<String, Double> deliver(
      AlertSink sink, List<SessionAlert> alerts, long batchId) {
    AlertSink.Delivery d;
    try {
      d = sink.deliver(alerts);
    } catch (RuntimeException e) {
      LOG.warn("batch {}: delivering {} alerts failed: {}", batchId, alerts.size(), e.toString());
      d = new AlertSink.Delivery(0, alerts.size());
    }
    if (d.failed() > 0) {
      LOG.warn(
          "batch {}: {} of {} alerts not delivered (counted in AlertDeliveryFailures)",
          batchId,
          d.failed(),
          alerts.size());
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("AlertsDelivered", (double) d.delivered());
    m.put("AlertDeliveryFailures", (double) d.failed());
    return m;
  }
}
