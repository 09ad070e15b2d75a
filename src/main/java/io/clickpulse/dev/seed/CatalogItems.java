package io.clickpulse.dev.seed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB item mapping of the catalog tables; the attribute names are the tables' schema. */
public final class CatalogItems {
  private CatalogItems() {}

  public static Map<String, AttributeValue> item(Product p) {
    return Map.of(
        "product_id", n(p.productId()),
        "name", s(p.name()),
        "category", s(p.category()),
        "base_price", n(p.basePrice()),
        "price", n(p.price()),
        "stock", n(p.stock()),
        "version", n(0));
  }

  public static Product product(Map<String, AttributeValue> item) {
    return new Product(
        Long.parseLong(required(item, "product_id").n()),
        required(item, "name").s(),
        required(item, "category").s(),
        new BigDecimal(required(item, "base_price").n()),
        new BigDecimal(required(item, "price").n()),
        Integer.parseInt(required(item, "stock").n()));
  }

  public static Map<String, AttributeValue> item(User u) {
    return Map.of("user_id", s(u.userId()), "name", s(u.name()), "segment", s(u.segment()));
  }

  public static Map<String, AttributeValue> item(Order o) {
    return Map.of(
        "order_id", s(o.orderId()),
        "product_id", n(o.productId()),
        "user_id", s(o.userId()),
        "units", n(o.units()),
        "unit_price", n(o.unitPrice()),
        "ordered_at", s(o.orderedAt().toString()),
        "ordered_at_epoch", n(o.orderedAt().getEpochSecond()));
  }

  public static Order order(Map<String, AttributeValue> item) {
    return new Order(
        required(item, "order_id").s(),
        Long.parseLong(required(item, "product_id").n()),
        required(item, "user_id").s(),
        Integer.parseInt(required(item, "units").n()),
        new BigDecimal(required(item, "unit_price").n()),
        Instant.parse(required(item, "ordered_at").s()));
  }

  private static AttributeValue required(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "item " + item.keySet() + " lacks attribute '" + name + "'");
    }
    return v;
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(Number v) {
    return AttributeValue.fromN(v instanceof BigDecimal b ? b.toPlainString() : v.toString());
  }
}
