package io.clickpulse.aggregate;

import static io.clickpulse.aggregate.DemandAggregationTest.ENRICHED;
import static io.clickpulse.aggregate.DemandAggregationTest.ev;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The lake batch's fold of partial demand gives what the Spark aggregation gives. */
class DemandPartialsTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static final List<Row> EVENTS =
      List.of(
          ev("Search", "2026-01-01 10:00:05", "u1", 1L, "11.00"),
          ev("ViewContent", "2026-01-01 10:00:10", "u1", 1L, "11.00"),
          ev("ViewContent", "2026-01-01 10:00:59.999999", "u2", 1L, "11.00"),
          ev("AddToCart", "2026-01-01 10:00:30", "u1", 1L, "11.00"),
          ev("Purchase", "2026-01-01 10:00:40", "u1", 1L, "11.00"),
          ev("Purchase", "2026-01-01 10:00:41", null, 1L, null), // no user, no price
          ev("Purchase", "2026-01-01 10:01:00", "u2", 1L, "12.50"), // the next window
          ev("ViewContent", "2026-01-01 10:00:20", "u3", 999L, "3.00"), // unknown product
          ev("Search", "2026-01-01 10:00:20", "u3", null, null), // no product: not in demand
          ev("element_clicked", "2026-01-01 10:02:00", "u4", 1L, null), // no funnel step
          ev("Purchase", "1969-12-31 23:59:30", "u5", 1L, "1.00")); // before the epoch

  @Test
  void foldedTasksGiveTheSparkAggregationsTotals() {
    List<String> spark =
        describe(
            DemandAggregation.partials(
                SparkTestSession.get().createDataFrame(EVENTS, ENRICHED), MINUTE));
    // two tasks, split unevenly, merged as the driver merges them
    DemandPartials first = fold(EVENTS.subList(0, 4));
    DemandPartials second = fold(EVENTS.subList(4, EVENTS.size()));
    assertThat(describe(first.merge(second).totals())).isEqualTo(spark);
    // product 1 in four windows (one with no funnel step, one before the epoch), product 999
    assertThat(spark).hasSize(5);
  }

  @Test
  void noEventsNoPartials() {
    assertThat(new DemandPartials(MINUTE).totals()).isEmpty();
  }

  private static DemandPartials fold(List<Row> rows) {
    DemandPartials p = new DemandPartials(MINUTE);
    for (Row r : rows) {
      Timestamp t = at(r, "event_time");
      long micros = Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1_000;
      p.add(
          at(r, "product_id"),
          micros,
          at(r, "event_name"),
          at(r, "price"),
          at(r, "user_id"),
          at(r, "base_price"),
          at(r, "current_price"),
          at(r, "units_sold_24h"),
          at(r, "product_known"));
    }
    return p;
  }

  /** A fixture row's value by name (the rows carry no schema of their own). */
  @SuppressWarnings("unchecked")
  private static <T> T at(Row r, String column) {
    return (T) r.get(ENRICHED.fieldIndex(column));
  }

  private static List<String> describe(List<DemandTotals> totals) {
    return totals.stream()
        .sorted(Comparator.comparing((DemandTotals t) -> t.key().text()))
        .map(
            t ->
                String.join(
                    " ",
                    t.key().text(),
                    t.windowEnd().toString(),
                    "s" + t.searches(),
                    "v" + t.views(),
                    "c" + t.addToCarts(),
                    "p" + t.purchases(),
                    "r" + t.revenue(),
                    "u" + new TreeSet<>(t.userIds()),
                    "n" + t.users().count(),
                    "b" + t.basePrice(),
                    "cp" + t.currentPrice(),
                    "units" + t.unitsSold24h(),
                    "known" + t.productKnown()))
        .toList();
  }
}
