package io.clickpulse.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per product and tumbling event-time window, the counts of one micro-batch: searches, views,
 * add-to-carts, purchases, revenue (sum of purchase prices) and the set of users. These are
 * partial counts; {@link DemandMerge} adds them to the totals already stored.
 */
public final class DemandAggregation {
  private DemandAggregation() {}

  public static Dataset<Row> aggregate(Dataset<Row> events, Duration window) {
    String w = window.toSeconds() + " seconds";
    return events.where(col("product_id").isNotNull())
        .groupBy(col("product_id"), window(col("event_time"), w).as("window"))
        .agg(
            countOf("Search").as("searches"),
            countOf("ViewContent").as("views"),
            countOf("AddToCart").as("add_to_carts"),
            countOf("Purchase").as("purchases"),
            sum(when(col("event_name").equalTo("Purchase"), col("price")).otherwise(lit(null))).as("revenue"),
            collect_set(col("user_id")).as("user_ids"),
            firstOf(events, "base_price", "decimal(12,2)").as("base_price"),
            firstOf(events, "current_price", "decimal(12,2)").as("current_price"),
            firstOf(events, "units_sold_24h", "long").as("units_sold_24h"),
            firstOf(events, "product_known", "boolean").as("product_known"))
        .select(col("product_id"), col("window.start").as("window_start"), col("window.end").as("window_end"),
            col("searches"), col("views"), col("add_to_carts"), col("purchases"), col("revenue"), col("user_ids"),
            col("base_price"), col("current_price"), col("units_sold_24h"), col("product_known"));
  }

  /** Catalog columns are there only after enrichment; without it they are null. */
  private static Column firstOf(Dataset<Row> events, String column, String type) {
    return java.util.Arrays.asList(events.columns()).contains(column)
        ? first(col(column), true) : first(lit(null).cast(type), true);
  }

  private static Column countOf(String eventName) {
    return count(when(col("event_name").equalTo(eventName), lit(1))).cast("long");
  }
}
