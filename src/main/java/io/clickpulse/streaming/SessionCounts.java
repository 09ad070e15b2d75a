package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clickpulse.session.SessionOutput;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one Spark job over a gap sessions batch tells: sessions closed, short-session alerts, late
 * events, the sums behind the means, and the hours (since the epoch) of the sessions' starts and of
 * every row's event time: the partition folders its outputs write.
 */
record SessionCounts(
    long sessions,
    long alerts,
    long late,
    long durationSec,
    long events,
    List<Long> sessionHours,
    List<Long> eventHours)
    implements SessionsBatch.Counts {

  static SessionCounts of(Dataset<Row> batch, Duration alertThreshold) {
    Column isSession = col("kind").equalTo(SessionOutput.SESSION);
    Row c =
        batch
            .agg(
                sum(when(isSession, 1L).otherwise(0L)),
                sum(
                    when(isSession.and(col("durationSec").lt(lit(alertThreshold.toSeconds()))), 1L)
                        .otherwise(0L)),
                sum(when(col("kind").equalTo(SessionOutput.LATE), 1L).otherwise(0L)),
                sum(when(isSession, col("durationSec")).otherwise(0L)),
                sum(when(isSession, col("events")).otherwise(0L)),
                collect_set(when(isSession, floor(col("start").cast("long").divide(3600)))),
                collect_set(floor(col("eventTime").cast("long").divide(3600))))
            .first();
    return new SessionCounts(
        longOrZero(c, 0),
        longOrZero(c, 1),
        longOrZero(c, 2),
        longOrZero(c, 3),
        longOrZero(c, 4),
        c.getList(5),
        c.getList(6));
  }

  /** A sum over no rows is null. */
  private static long longOrZero(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }

  @Override
  public boolean isEmpty() {
    return sessions + late == 0;
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("SessionsClosed", (double) sessions);
    m.put("MeanSessionDurationSeconds", sessions == 0 ? 0.0 : (double) durationSec / sessions);
    m.put("EventsPerSession", sessions == 0 ? 0.0 : (double) events / sessions);
    m.put("ShortSessionAlerts", (double) alerts);
    m.put("LateEvents", (double) late);
    return m;
  }
}
