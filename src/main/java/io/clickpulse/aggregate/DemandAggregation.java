package io.clickpulse.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.window;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per product and tumbling event-time window, the counts of one micro-batch: the funnel counts
 * ({@link FunnelCounts}: searches, views, add-to-carts, purchases, revenue) and the set of
 * users. These are partial counts; {@link DemandMerge} adds them to the totals already stored.
 */
public final class DemandAggregation {
  private DemandAggregation() {}

  public static Dataset<Row> aggregate(Dataset<Row> events, Duration window) {
    String w = window.toSeconds() + " seconds";
    List<Column> columns = new ArrayList<>(FunnelCounts.counts());
    columns.add(FunnelCounts.revenue().as("revenue"));
    columns.add(collect_set(col("user_id")).as("user_ids"));
    columns.add(firstOf(events, "base_price", "decimal(12,2)").as("base_price"));
    columns.add(firstOf(events, "current_price", "decimal(12,2)").as("current_price"));
    columns.add(firstOf(events, "units_sold_24h", "long").as("units_sold_24h"));
    columns.add(firstOf(events, "product_known", "boolean").as("product_known"));
    return events.where(col("product_id").isNotNull())
        .groupBy(col("product_id"), window(col("event_time"), w).as("window"))
        .agg(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new))
        .select(col("product_id"), col("window.start").as("window_start"), col("window.end").as("window_end"),
            col("searches"), col("views"), col("add_to_carts"), col("purchases"), col("revenue"), col("user_ids"),
            col("base_price"), col("current_price"), col("units_sold_24h"), col("product_known"));
  }

  /** Catalog columns are there only after enrichment; without it they are null. */
  private static Column firstOf(Dataset<Row> events, String column, String type) {
    return java.util.Arrays.asList(events.columns()).contains(column)
        ? first(col(column), true) : first(lit(null).cast(type), true);
  }

  /** A batch's partial demand, one per product and window: what {@link DemandStore#apply} merges. */
  public static List<DemandTotals> partials(Dataset<Row> events, Duration window) {
    List<DemandTotals> out = new ArrayList<>();
    for (Row r : aggregate(events, window).collectAsList()) {
      out.add(totals(r));
    }
    return out;
  }

  /** One row of {@link #aggregate} as totals (revenue 0.00 where there was no purchase). */
  static DemandTotals totals(Row r) {
    List<String> users = r.getList(r.fieldIndex("user_ids"));
    BigDecimal revenue = r.isNullAt(r.fieldIndex("revenue")) ? BigDecimal.ZERO.setScale(2) : r.getDecimal(r.fieldIndex("revenue"));
    return new DemandTotals(r.getLong(r.fieldIndex("product_id")),
        ((Timestamp) r.get(r.fieldIndex("window_start"))).toInstant(),
        ((Timestamp) r.get(r.fieldIndex("window_end"))).toInstant(),
        r.getLong(r.fieldIndex("searches")), r.getLong(r.fieldIndex("views")), r.getLong(r.fieldIndex("add_to_carts")),
        r.getLong(r.fieldIndex("purchases")), revenue, UniqueUsers.of(users),
        r.isNullAt(r.fieldIndex("base_price")) ? null : r.getDecimal(r.fieldIndex("base_price")),
        r.isNullAt(r.fieldIndex("current_price")) ? null : r.getDecimal(r.fieldIndex("current_price")),
        r.isNullAt(r.fieldIndex("units_sold_24h")) ? 0L : r.getLong(r.fieldIndex("units_sold_24h")),
        !r.isNullAt(r.fieldIndex("product_known")) && r.getBoolean(r.fieldIndex("product_known")));
  }
}
