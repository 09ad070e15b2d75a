package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;

import io.clickpulse.event.EventColumns;
import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The stream's dedup: a record whose event id came before, within streaming.dedup-watermark of its
 * arrival, is dropped. By arrival time, not event time: a retry or re-read arrives close to the
 * original, while an event that is late in event time must still pass (and be counted).
 *
 * <p>The watermark follows arrival time in whole minutes. Spark compiles a stateful operator's
 * late-row filter with the batch's watermark as a constant ({@code arrival <= 1796358404453000L}),
 * so a watermark that moved with every batch made a new Java class every batch: a Janino compile on
 * the driver, the filter interpreted again and then compiled again by the JIT on the executors,
 * batch after batch, so that the JIT share of a running job never settled. In steps of a minute the
 * filter is one class a minute, taken from Spark's code cache within it. The retention moves by
 * less than a minute either way (15 minutes by default).
 */
final class ArrivalDedup {
  /** The arrival minute, the watermark column; dropped again after the dedup. */
  static final String ARRIVAL_MINUTE = "_arrival_minute";

  private ArrivalDedup() {}

  /** The records without the repeats of an event id within {@code retention} of arrival. */
  static Dataset<Row> apply(Dataset<Row> decoded, Duration retention) {
    return decoded
        .withColumn(ARRIVAL_MINUTE, date_trunc("minute", col(EventColumns.ARRIVAL_TIME)))
        .withWatermark(ARRIVAL_MINUTE, retention.toSeconds() + " seconds")
        .dropDuplicatesWithinWatermark(EventColumns.EVENT_ID)
        .drop(ARRIVAL_MINUTE);
  }
}
