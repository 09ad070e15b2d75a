package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clickpulse.session.SessionColumns;
import io.clickpulse.session.StaggerSessions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one Spark job over a stagger-mode batch tells: its rows, the short ones (alerts), their
 * means, and the hours of their timeagg.
 */
record StaggerCounts(
    long rows, long alerts, double meanDurationSec, double meanEvents, List<Long> hours)
    implements SessionsBatch.Counts {

  static StaggerCounts of(Dataset<Row> batch, Duration alertThreshold) {
    Row c =
        batch
            .agg(
                count(lit(1)),
                sum(
                    when(col(SessionColumns.DURATION_SEC).lt(lit(alertThreshold.toSeconds())), 1L)
                        .otherwise(0L)),
                avg(SessionColumns.DURATION_SEC),
                avg(SessionColumns.EVENTS),
                collect_set(floor(col(StaggerSessions.TIMEAGG).cast("long").divide(3600))))
            .first();
    // the sum and means of no rows are null
    return new StaggerCounts(
        c.getLong(0),
        c.isNullAt(1) ? 0 : c.getLong(1),
        c.isNullAt(2) ? 0 : c.getDouble(2),
        c.isNullAt(3) ? 0 : c.getDouble(3),
        c.getList(4));
  }

  @Override
  public boolean isEmpty() {
    return rows == 0;
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("SessionsClosed", (double) rows);
    m.put("MeanSessionDurationSeconds", meanDurationSec);
    m.put("EventsPerSession", meanEvents);
    m.put("ShortSessionAlerts", (double) alerts);
    return m;
  }
}
