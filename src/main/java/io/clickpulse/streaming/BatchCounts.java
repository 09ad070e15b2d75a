package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;

import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one Spark job over a decoded batch tells: records by status and reason, high-intent views,
 * and the hours (since the epoch, UTC) of its arrival and event times, i.e. the partition folders
 * its outputs write.
 */
record BatchCounts(
    Map<String, Long> byStatus, long highIntent, Set<Long> arrivalHours, Set<Long> eventHours) {

  static BatchCounts of(Dataset<Row> batch, Column highIntent) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    long intent = 0;
    Set<Long> arrival = new TreeSet<>();
    Set<Long> event = new TreeSet<>();
    for (Row r :
        batch
            .groupBy(
                col(EventColumns.STATUS),
                col(EventColumns.REASON),
                col(EventColumns.STATUS)
                    .equalTo(DecodedSchema.STATUS_OK)
                    .and(highIntent)
                    .as("high_intent"))
            .agg(
                count(lit(1)),
                collect_set(hourOf(EventColumns.ARRIVAL_TIME)),
                collect_set(hourOf(EventColumns.EVENT_TIME)))
            .collectAsList()) {
      byStatus.merge(
          r.getString(0) + (r.isNullAt(1) ? "" : ":" + r.getString(1)), r.getLong(3), Long::sum);
      if (!r.isNullAt(2) && r.getBoolean(2)) {
        intent += r.getLong(3);
      }
      arrival.addAll(r.<Long>getList(4));
      if (DecodedSchema.STATUS_OK.equals(r.getString(0))) {
        event.addAll(r.<Long>getList(5));
      }
    }
    return new BatchCounts(byStatus, intent, arrival, event);
  }

  private static Column hourOf(String timeColumn) {
    return floor(col(timeColumn).cast("long").divide(3600));
  }

  boolean isEmpty() {
    return byStatus.isEmpty();
  }

  long good() {
    return byStatus.getOrDefault(DecodedSchema.STATUS_OK, 0L);
  }

  long bad() {
    return byStatus.entrySet().stream()
        .filter(e -> e.getKey().startsWith(DecodedSchema.STATUS_BAD))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
