package io.clickpulse.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clickpulse.event.EventColumns;
import io.clickpulse.event.EventName;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The funnel of events as aggregate columns: searches, views, add_to_carts and purchases (events of
 * each name) and revenue (the sum of purchase prices). One definition for the live demand and the
 * daily aggregates, so the pricing and the dashboard count the same events.
 */
public final class FunnelCounts {
  private FunnelCounts() {}

  /** The event counted by each step, in the order of {@link #counts()}. */
  static final List<String> STEPS =
      List.of(EventName.SEARCH, EventName.VIEW_CONTENT, EventName.ADD_TO_CART, EventName.PURCHASE);

  private static final List<String> COUNT_COLUMNS =
      List.of(
          DemandColumns.SEARCHES,
          DemandColumns.VIEWS,
          DemandColumns.ADD_TO_CARTS,
          DemandColumns.PURCHASES);

  /** The four counts, named as product_demand and the aggregate tables name them (bigint). */
  public static List<Column> counts() {
    List<Column> counts = new ArrayList<>();
    for (int i = 0; i < STEPS.size(); i++) {
      counts.add(countOf(STEPS.get(i)).as(COUNT_COLUMNS.get(i)));
    }
    return counts;
  }

  /** The step an event counts in (its index in {@link #STEPS}), or -1: the counts, row by row. */
  static int stepOf(String eventName) {
    return eventName == null ? -1 : STEPS.indexOf(eventName);
  }

  /** Whether an event adds its price to the revenue, row by row ({@link #revenue()}). */
  static boolean earns(String eventName) {
    return EventName.PURCHASE.equals(eventName);
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
