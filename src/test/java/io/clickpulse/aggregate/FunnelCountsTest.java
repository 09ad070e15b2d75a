package io.clickpulse.aggregate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The funnel's columns on a few events of two products. */
class FunnelCountsTest {
  private static final StructType EVENTS =
      new StructType()
          .add("product_id", DataTypes.LongType)
          .add("event_name", DataTypes.StringType)
          .add("price", DataTypes.createDecimalType(12, 2));

  @Test
  void countsEachStepAndSumsPurchasePricesOnly() {
    var events =
        SparkTestSession.get()
            .createDataFrame(
                List.of(
                    RowFactory.create(1L, "Search", null),
                        RowFactory.create(1L, "ViewContent", new BigDecimal("9.00")),
                    RowFactory.create(1L, "ViewContent", new BigDecimal("9.00")),
                        RowFactory.create(1L, "AddToCart", new BigDecimal("9.00")),
                    RowFactory.create(1L, "Purchase", new BigDecimal("9.00")),
                        RowFactory.create(1L, "Purchase", new BigDecimal("8.50")),
                    RowFactory.create(1L, "PageView", new BigDecimal("99.00")),
                        RowFactory.create(2L, "ViewContent", new BigDecimal("3.00"))),
                EVENTS);
    List<Column> columns = new ArrayList<>(FunnelCounts.counts());
    columns.add(FunnelCounts.revenue().as("revenue"));
    Map<Long, Row> byProduct =
        events
            .groupBy(col("product_id"))
            .agg(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new))
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getLong(0), r -> r));

    Row one = byProduct.get(1L);
    assertThat(
            List.of(
                one.getAs("searches"),
                one.getAs("views"),
                one.getAs("add_to_carts"),
                one.<Object>getAs("purchases")))
        .containsExactly(1L, 2L, 1L, 2L);
    assertThat(one.<BigDecimal>getAs("revenue")).isEqualByComparingTo("17.50");
    Row two = byProduct.get(2L);
    assertThat(two.<Long>getAs("purchases")).isZero();
    assertThat(two.<BigDecimal>getAs("revenue"))
        .as("no purchase: null, each caller says what that is")
        .isNull();
  }
}
