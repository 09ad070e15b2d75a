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
            first(col("base_price"), true).as("base_price"),
            first(col("current_price"), true).as("current_price"),
            first(col("units_sold_24h"), true).as("units_sold_24h"),
            first(col("product_known"), true).as("product_known"))
        .select(col("product_id"), col("window.start").as("window_start"), col("window.end").as("window_end"),
            col("searches"), col("views"), col("add_to_carts"), col("purchases"), col("revenue"), col("user_ids"),
            col("base_price"), col("current_price"), col("units_sold_24h"), col("product_known"));
  }

  private static Column countOf(String eventName) {
    return count(when(col("event_name").equalTo(eventName), lit(1))).cast("long");
  }
}
