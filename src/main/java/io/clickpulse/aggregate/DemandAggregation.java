package io.clickpulse.aggregate;

import static io.clickpulse.aggregate.DemandColumns.ADD_TO_CARTS;
import static io.clickpulse.aggregate.DemandColumns.PRODUCT_ID;
import static io.clickpulse.aggregate.DemandColumns.PURCHASES;
import static io.clickpulse.aggregate.DemandColumns.REVENUE;
import static io.clickpulse.aggregate.DemandColumns.SEARCHES;
import static io.clickpulse.aggregate.DemandColumns.USER_IDS;
import static io.clickpulse.aggregate.DemandColumns.VIEWS;
import static io.clickpulse.aggregate.DemandColumns.WINDOW_END;
import static io.clickpulse.aggregate.DemandColumns.WINDOW_START;
import static io.clickpulse.enrich.EnrichedColumns.BASE_PRICE;
import static io.clickpulse.enrich.EnrichedColumns.CURRENT_PRICE;
import static io.clickpulse.enrich.EnrichedColumns.PRODUCT_KNOWN;
import static io.clickpulse.enrich.EnrichedColumns.UNITS_SOLD_24H;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.window;

import io.clickpulse.event.EventColumns;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per product and tumbling event-time window, the counts of one micro-batch: searches, views,
 * add-to-carts, purchases, revenue (sum of purchase prices) and the set of users. These are partial
 * counts; {@link DemandMerge} adds them to the totals already stored.
 */
public final class DemandAggregation {
  private DemandAggregation() {}

  public static Dataset<Row> aggregate(Dataset<Row> events, Duration window) {
    String w = window.toSeconds() + " seconds";
    List<Column> columns = new ArrayList<>(FunnelCounts.counts());
    columns.add(FunnelCounts.revenue().as(REVENUE));
    columns.add(collect_set(col(EventColumns.USER_ID)).as(USER_IDS));
    columns.add(firstOf(events, BASE_PRICE, "decimal(12,2)").as(BASE_PRICE));
    columns.add(firstOf(events, CURRENT_PRICE, "decimal(12,2)").as(CURRENT_PRICE));
    columns.add(firstOf(events, UNITS_SOLD_24H, "long").as(UNITS_SOLD_24H));
    columns.add(firstOf(events, PRODUCT_KNOWN, "boolean").as(PRODUCT_KNOWN));
    return events
        .where(col(EventColumns.PRODUCT_ID).isNotNull())
        .groupBy(col(EventColumns.PRODUCT_ID), window(col(EventColumns.EVENT_TIME), w).as("window"))
        .agg(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new))
        .select(
            col(PRODUCT_ID),
            col("window.start").as(WINDOW_START),
            col("window.end").as(WINDOW_END),
            col(SEARCHES),
            col(VIEWS),
            col(ADD_TO_CARTS),
            col(PURCHASES),
            col(REVENUE),
            col(USER_IDS),
            col(BASE_PRICE),
            col(CURRENT_PRICE),
            col(UNITS_SOLD_24H),
            col(PRODUCT_KNOWN));
  }

  /**
   * A batch's partial demand, one per product and window: what {@link DemandStore#apply} merges.
   */
  public static List<DemandTotals> partials(Dataset<Row> events, Duration window) {
    List<DemandTotals> out = new ArrayList<>();
    for (Row r : aggregate(events, window).collectAsList()) {
      out.add(totals(r));
    }
    return out;
  }

  /**
   * One row of {@link #aggregate} as a batch's partial totals, read by column name: no revenue is
   * 0.00, unknown units sold 0 and an unknown product not known.
   */
  public static DemandTotals totals(Row r) {
    DemandKey key =
        new DemandKey(
            r.getLong(r.fieldIndex(PRODUCT_ID)), r.<Timestamp>getAs(WINDOW_START).toInstant());
    List<String> users = r.getList(r.fieldIndex(USER_IDS));
    DemandTotals.Builder t =
        DemandTotals.builder(key, r.<Timestamp>getAs(WINDOW_END).toInstant())
            .searches(r.getAs(SEARCHES))
            .views(r.getAs(VIEWS))
            .addToCarts(r.getAs(ADD_TO_CARTS))
            .purchases(r.getAs(PURCHASES))
            .users(UniqueUsers.of(users))
            .basePrice(r.getAs(BASE_PRICE))
            .currentPrice(r.getAs(CURRENT_PRICE))
            .productKnown(Boolean.TRUE.equals(r.getAs(PRODUCT_KNOWN)));
    BigDecimal revenue = r.getAs(REVENUE);
    if (revenue != null) {
      t.revenue(revenue);
    }
    Long units = r.getAs(UNITS_SOLD_24H);
    if (units != null) {
      t.unitsSold24h(units);
    }
    return t.build();
  }

  /** Catalog columns are there only after enrichment; without it they are null. */
  private static Column firstOf(Dataset<Row> events, String column, String type) {
    return Arrays.asList(events.columns()).contains(column)
        ? first(col(column), true)
        : first(lit(null).cast(type), true);
  }
}
