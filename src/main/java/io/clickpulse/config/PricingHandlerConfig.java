package io.clickpulse.config;

import java.util.List;

/**
 * What the pricing Lambda handler reads (aws.*, the products and price-history tables, pricing.*),
 * and all that it checks: a bad value of a Spark job's key cannot stop the handler. Unknown keys
 * still fail, since every key is listed in the one defaults file.
 */
public record PricingHandlerConfig(
    AwsConfig aws, String productsTable, String priceHistoryTable, PricingConfig pricing) {

  public static PricingHandlerConfig fromArgs(List<String> args) {
    Settings s = Settings.resolve(JobArguments.parse(args));
    return new PricingHandlerConfig(
        AwsConfig.from(s),
        TableNames.tableName(s, "dynamodb.table.products"),
        TableNames.tableName(s, "dynamodb.table.price-history"),
        PricingConfig.from(s));
  }
}
