package io.clickpulse.enrich;

import static io.clickpulse.enrich.EnrichedColumns.PRODUCT_KNOWN;
import static io.clickpulse.enrich.EnrichedColumns.UNITS_SOLD_24H;
import static io.clickpulse.event.EventColumns.PRODUCT_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Adds the product's name, category, base and current price, stock and units sold in the last 24 h.
 * An event whose product the catalog does not know keeps its row, with {@code product_known =
 * false} and null catalog columns.
 */
public final class CatalogEnricher implements Enricher {
  private final ReferenceData reference;

  public CatalogEnricher(ReferenceData reference) {
    this.reference = reference;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> events) {
    return enrich(events, reference.products(), reference.unitsSold24h());
  }

  /** The join itself, on given reference tables (tests pass small in-memory ones). */
  public static Dataset<Row> enrich(
      Dataset<Row> events, Dataset<Row> products, Dataset<Row> unitsSold24h) {
    Dataset<Row> p =
        products
            .withColumnRenamed(PRODUCT_ID, "catalog_product_id")
            .withColumn(PRODUCT_KNOWN, lit(true));
    Dataset<Row> u = unitsSold24h.withColumnRenamed(PRODUCT_ID, "orders_product_id");
    return events
        .join(broadcast(p), events.col(PRODUCT_ID).equalTo(p.col("catalog_product_id")), "left")
        .join(broadcast(u), events.col(PRODUCT_ID).equalTo(u.col("orders_product_id")), "left")
        .withColumn(PRODUCT_KNOWN, coalesce(col(PRODUCT_KNOWN), lit(false)))
        .withColumn(UNITS_SOLD_24H, coalesce(col(UNITS_SOLD_24H), lit(0L)))
        .drop("catalog_product_id", "orders_product_id");
  }
}
