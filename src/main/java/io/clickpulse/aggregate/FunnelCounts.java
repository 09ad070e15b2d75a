package io.clickpulse.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clickpulse.event.EventColumns;
import io.clickpulse.event.EventName;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The funnel of events as aggregate columns: searches, views, add_to_carts and purchases (events of
 * each name) and revenue (the sum of purchase prices). One definition for the live demand and the
 * daily aggregates, so the pricing and the dashboard count the same events.
 */
public final class FunnelCounts {
  private FunnelCounts() {}

  /** The four counts, named as product_demand and the aggregate tables name them (bigint). */
  public static List<Column> counts() {
    return List.of(
        countOf(EventName.SEARCH).as(DemandColumns.SEARCHES),
        countOf(EventName.VIEW_CONTENT).as(DemandColumns.VIEWS),
        countOf(EventName.ADD_TO_CART).as(DemandColumns.ADD_TO_CARTS),
        countOf(EventName.PURCHASE).as(DemandColumns.PURCHASES));
  }

  /** Sum of purchase prices: null where there was no purchase (each caller says what that is). */
  public static Column revenue() {
    return sum(
        when(col(EventColumns.EVENT_NAME).equalTo(EventName.PURCHASE), col(EventColumns.PRICE)));
  }

  private static Column countOf(String eventName) {
    return count(when(col(EventColumns.EVENT_NAME).equalTo(eventName), lit(1)));
  }
}
