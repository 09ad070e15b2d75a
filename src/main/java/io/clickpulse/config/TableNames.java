package io.clickpulse.config;

/** The DynamoDB tables clickpulse reads and writes. */
public record TableNames(
    String products,
    String orders,
    String users,
    String productDemand,
    String sessions,
    String priceHistory) {
  public static TableNames from(Settings s) {
    return new TableNames(
        tableName(s, "dynamodb.table.products"),
        tableName(s, "dynamodb.table.orders"),
        tableName(s, "dynamodb.table.users"),
        tableName(s, "dynamodb.table.product-demand"),
        tableName(s, "dynamodb.table.sessions"),
        tableName(s, "dynamodb.table.price-history"));
  }

  static String tableName(Settings s, String key) {
    String name = s.string(key);
    if (!name.matches("[A-Za-z0-9_.-]{3,255}")) {
      throw ConfigException.badValue(
          key, name, "a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)", s.source(key));
    }
    return name;
  }
}
