package io.clickpulse.dev.seed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reads the product catalog table (a full scan: catalogs here are thousands of items, not
 * millions).
 */
public final class ProductCatalog {
  private ProductCatalog() {}

  public static List<Product> scan(DynamoDbClient dynamo, String table) {
    List<Product> products = new ArrayList<>();
    dynamo
        .scanPaginator(b -> b.tableName(table).consistentRead(true))
        .items()
        .forEach(item -> products.add(CatalogItems.product(item)));
    products.sort(Comparator.comparingLong(Product::productId));
    return products;
  }
}
