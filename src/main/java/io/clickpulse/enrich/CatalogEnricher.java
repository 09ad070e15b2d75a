package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Adds the product's name, category, base and current price, stock and units sold in the last
 * 24 h. An event whose product the catalog does not know keeps its row, with
 * {@code product_known = false} and null catalog columns.
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
  public static Dataset<Row> enrich(Dataset<Row> events, Dataset<Row> products, Dataset<Row> unitsSold24h) {
    Dataset<Row> p = products.withColumnRenamed("product_id", "catalog_product_id").withColumn("product_known", lit(true));
    Dataset<Row> u = unitsSold24h.withColumnRenamed("product_id", "orders_product_id");
    return events
        .join(broadcast(p), events.col("product_id").equalTo(p.col("catalog_product_id")), "left")
        .join(broadcast(u), events.col("product_id").equalTo(u.col("orders_product_id")), "left")
        .withColumn("product_known", coalesce(col("product_known"), lit(false)))
        .withColumn("units_sold_24h", coalesce(col("units_sold_24h"), lit(0L)))
        .drop("catalog_product_id", "orders_product_id");
  }
}
