package io.clickpulse.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class DemandAggregationTest {
  static final StructType ENRICHED =
      new StructType()
          .add("event_name", DataTypes.StringType)
          .add("event_time", DataTypes.TimestampType)
          .add("user_id", DataTypes.StringType)
          .add("product_id", DataTypes.LongType)
          .add("price", DataTypes.createDecimalType(12, 2))
          .add("base_price", DataTypes.createDecimalType(12, 2))
          .add("current_price", DataTypes.createDecimalType(12, 2))
          .add("units_sold_24h", DataTypes.LongType)
          .add("product_known", DataTypes.BooleanType);

  static Row ev(String name, String time, String user, Long product, String price) {
    return RowFactory.create(
        name,
        Timestamp.valueOf(time),
        user,
        product,
        price == null ? null : new BigDecimal(price),
        product != null && product == 1 ? new BigDecimal("10.00") : null,
        product != null && product == 1 ? new BigDecimal("11.00") : null,
        product != null && product == 1 ? 5L : 0L,
        product != null && product == 1);
  }

  @Test
  void countsPerProductAndTumblingWindow() {
    Dataset<Row> events =
        SparkTestSession.get()
            .createDataFrame(
                List.of(
                    ev("Search", "2026-01-01 10:00:05", "u1", 1L, "11.00"),
                    ev("ViewContent", "2026-01-01 10:00:10", "u1", 1L, "11.00"),
                    ev("ViewContent", "2026-01-01 10:00:59.999", "u2", 1L, "11.00"),
                    ev("AddToCart", "2026-01-01 10:00:30", "u1", 1L, "11.00"),
                    ev("Purchase", "2026-01-01 10:00:40", "u1", 1L, "11.00"),
                    ev(
                        "Purchase",
                        "2026-01-01 10:01:00",
                        "u2",
                        1L,
                        "12.50"), // exactly at the boundary: next window
                    ev("ViewContent", "2026-01-01 10:00:20", "u3", 999L, "3.00"), // unknown product
                    ev(
                        "Search",
                        "2026-01-01 10:00:20",
                        "u3",
                        null,
                        null)), // no product: not in demand
                ENRICHED);
    List<Row> rows =
        DemandAggregation.aggregate(events, Duration.ofMinutes(1))
            .orderBy("product_id", "window_start")
            .collectAsList();
    assertThat(rows).hasSize(3);
    DemandTotals a = DemandAggregation.totals(rows.get(0));
    assertThat(a.productId()).isEqualTo(1);
    assertThat(a.windowStart()).hasToString("2026-01-01T10:00:00Z");
    assertThat(a.windowEnd()).hasToString("2026-01-01T10:01:00Z");
    assertThat(List.of(a.searches(), a.views(), a.addToCarts(), a.purchases()))
        .containsExactly(1L, 2L, 1L, 1L);
    assertThat(a.revenue()).isEqualByComparingTo("11.00");
    assertThat(a.userIds()).containsExactlyInAnyOrder("u1", "u2");
    assertThat(a.currentPrice()).isEqualByComparingTo("11.00");
    assertThat(a.unitsSold24h()).isEqualTo(5);
    DemandTotals b = DemandAggregation.totals(rows.get(1));
    assertThat(b.windowStart()).hasToString("2026-01-01T10:01:00Z");
    assertThat(b.purchases()).isEqualTo(1);
    assertThat(b.revenue()).isEqualByComparingTo("12.50");
    DemandTotals c = DemandAggregation.totals(rows.get(2));
    assertThat(c.productId()).isEqualTo(999);
    assertThat(c.productKnown()).isFalse();
    assertThat(c.views()).isEqualTo(1);
    assertThat(c.revenue()).isEqualByComparingTo("0");
  }
}
