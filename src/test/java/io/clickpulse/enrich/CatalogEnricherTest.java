package io.clickpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CatalogEnricherTest {
  @Test
  void knownProductsGetCatalogColumnsAndUnknownOnesAreKeptAndFlagged() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> events =
        spark.createDataFrame(
            List.of(
                RowFactory.create("e1", 1L),
                RowFactory.create("e2", 2L),
                RowFactory.create("e3", 99L),
                RowFactory.create("e4", null)),
            new StructType()
                .add("event_id", DataTypes.StringType)
                .add("product_id", DataTypes.LongType));
    Dataset<Row> products =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    1L, "Pro Lamp", "home", new BigDecimal("10.00"), new BigDecimal("12.50"), 5),
                RowFactory.create(
                    2L, "Eco Kettle", "home", new BigDecimal("20.00"), new BigDecimal("20.00"), 0)),
            new StructType()
                .add("product_id", DataTypes.LongType)
                .add("product_name", DataTypes.StringType)
                .add("category", DataTypes.StringType)
                .add("base_price", DataTypes.createDecimalType(12, 2))
                .add("current_price", DataTypes.createDecimalType(12, 2))
                .add("stock", DataTypes.IntegerType));
    Dataset<Row> units =
        spark.createDataFrame(
            List.of(RowFactory.create(1L, 7L)),
            new StructType()
                .add("product_id", DataTypes.LongType)
                .add("units_sold_24h", DataTypes.LongType));

    List<Row> out =
        CatalogEnricher.enrich(events, products, units).orderBy("event_id").collectAsList();
    assertThat(out).hasSize(4);
    assertThat(out.get(0).<String>getAs("product_name")).isEqualTo("Pro Lamp");
    assertThat(out.get(0).<BigDecimal>getAs("current_price")).isEqualByComparingTo("12.50");
    assertThat(out.get(0).<Long>getAs("units_sold_24h")).isEqualTo(7L);
    assertThat(out.get(0).<Boolean>getAs("product_known")).isTrue();
    assertThat(out.get(1).<Long>getAs("units_sold_24h")).isEqualTo(0L);
    assertThat(out.get(2).<Boolean>getAs("product_known")).isFalse();
    assertThat(out.get(2).<String>getAs("product_name")).isNull();
    assertThat(out.get(3).<Boolean>getAs("product_known")).isFalse();
    assertThat(out.get(0).schema().fieldNames())
        .doesNotContain("catalog_product_id", "orders_product_id");
  }
}
