package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;

import io.clickpulse.event.EventColumns;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Arrival times (epoch ms) at 0 %, 10 %, … 100 % of a batch: with the batch's completion time they
 * give how long records took from PutRecords to an output (the freshness figures). A Spark job of
 * its own, so only run when asked (streaming.arrival-deciles).
 */
record ArrivalDeciles(boolean enabled) implements Serializable {
  static final double[] NONE = new double[0];

  /** The records a batch read, and their deciles (none when not asked or empty). */
  record Arrivals(long records, double[] decilesMs) {
    static final Arrivals NONE = new Arrivals(0, ArrivalDeciles.NONE);
  }

  double[] of(Dataset<Row> batch) {
    return arrivals(batch).decilesMs();
  }

  Arrivals arrivals(Dataset<Row> batch) {
    if (!enabled) {
      return Arrivals.NONE;
    }
    double[] q = new double[11];
    for (int i = 0; i <= 10; i++) {
      q[i] = i / 10.0;
    }
    Row r =
        batch
            .select(
                percentile_approx(col(EventColumns.ARRIVAL_TIME).cast("double"), lit(q), lit(1000)),
                count(lit(1)))
            .first();
    List<Double> seconds = r.getList(0);
    return new Arrivals(
        r.getLong(1),
        seconds == null ? NONE : seconds.stream().mapToDouble(d -> d * 1000).toArray());
  }
}
