package io.clickpulse.pricing;

// a compile-time constant, inlined: the Lambda package (pricing, config, aws) needs no event class
import static io.clickpulse.event.EventColumns.PRODUCT_ID;

import io.clickpulse.config.PricingConfig;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Applies one demand change to the catalog: reads the product, asks {@link PricingPolicy}, and
 * writes with an optimistic condition on the product's {@code version}. A price change and its
 * price_history entry are one transaction, so there is never one without the other. The ids of the
 * last stream records applied are kept on the product ({@code pricing_applied}): a record delivered
 * again is recognised and changes nothing. On a conflict (another writer changed the product in
 * between) the whole decision is made again from a fresh read.
 */
public final class PriceStore {
  /** Stream record ids remembered per product; Lambda retries are far fewer records back. */
  static final int REMEMBERED_RECORDS = 100;

  private final DynamoDbClient dynamo;
  private final String products;
  private final String history;
  private final PricingConfig config;
  private final Clock clock;

  public PriceStore(
      DynamoDbClient dynamo, String products, String history, PricingConfig config, Clock clock) {
    this.dynamo = dynamo;
    this.products = products;
    this.history = history;
    this.config = config;
    this.clock = clock;
  }

  public enum Result {
    CHANGED,
    HELD,
    ALREADY_APPLIED,
    UNKNOWN_PRODUCT
  }

  /** What one record did. */
  public record Outcome(
      Result result,
      long productId,
      BigDecimal oldPrice,
      BigDecimal newPrice,
      String reason,
      int attempts) {}

  /**
   * Thrown when the product kept changing underneath for every attempt: the record is reported as
   * failed.
   */
  public static final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConflictException(String message) {
      super(message);
    }
  }

  public Outcome apply(DemandChange change, String changedBy) {
    Map<String, AttributeValue> key =
        Map.of(PRODUCT_ID, AttributeValue.fromN(Long.toString(change.productId())));
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      Map<String, AttributeValue> item =
          dynamo.getItem(b -> b.tableName(products).key(key).consistentRead(true)).item();
      if (item == null || item.isEmpty()) {
        return new Outcome(
            Result.UNKNOWN_PRODUCT,
            change.productId(),
            null,
            null,
            "product not in the catalog",
            attempt);
      }
      List<String> applied = new ArrayList<>();
      if (item.containsKey("pricing_applied")) {
        item.get("pricing_applied").l().forEach(v -> applied.add(v.s()));
      }
      BigDecimal price = number(item, "price");
      if (applied.contains(change.recordId())) {
        return new Outcome(
            Result.ALREADY_APPLIED,
            change.productId(),
            price,
            price,
            "stream record already applied",
            attempt);
      }
      long version = item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0;
      Instant now = clock.instant();
      Instant lastChange =
          item.containsKey("last_price_change")
              ? Instant.parse(item.get("last_price_change").s())
              : null;
      long stock =
          item.containsKey("stock") ? Long.parseLong(item.get("stock").n()) : Long.MAX_VALUE;
      String category = item.containsKey("category") ? item.get("category").s() : null;
      PricingPolicy.Decision decision =
          PricingPolicy.decide(
              new PricingPolicy.Input(
                  change.demandScore(), stock, number(item, "base_price"), price, lastChange, now),
              config.rules(category));

      applied.add(change.recordId());
      List<AttributeValue> remembered =
          applied.subList(Math.max(0, applied.size() - REMEMBERED_RECORDS), applied.size()).stream()
              .map(AttributeValue::fromS)
              .toList();
      Map<String, AttributeValue> values = new HashMap<>();
      values.put(":next", AttributeValue.fromN(Long.toString(version + 1)));
      values.put(":applied", AttributeValue.fromL(remembered));
      boolean versioned = item.containsKey("version");
      if (versioned) {
        values.put(":v", AttributeValue.fromN(Long.toString(version)));
      }
      String condition = versioned ? "version = :v" : "attribute_not_exists(version)";
      try {
        if (decision.changes()) {
          values.put(":price", AttributeValue.fromN(decision.newPrice().toPlainString()));
          values.put(":at", AttributeValue.fromS(now.toString()));
          Map<String, AttributeValue> entry = new HashMap<>();
          entry.put(PRODUCT_ID, key.get(PRODUCT_ID));
          entry.put("change_id", AttributeValue.fromS(now + "#" + change.recordId()));
          entry.put("changed_at", AttributeValue.fromS(now.toString()));
          entry.put("old_price", AttributeValue.fromN(price.toPlainString()));
          entry.put("new_price", AttributeValue.fromN(decision.newPrice().toPlainString()));
          entry.put("reason", AttributeValue.fromS(decision.reason()));
          entry.put("changed_by", AttributeValue.fromS(changedBy));
          entry.put("stream_record", AttributeValue.fromS(change.recordId()));
          entry.put("demand_score", AttributeValue.fromN(Double.toString(change.demandScore())));
          entry.put("demand_window", AttributeValue.fromS(change.windowStart()));
          dynamo.transactWriteItems(
              b ->
                  b.transactItems(
                      TransactWriteItem.builder()
                          .update(
                              Update.builder()
                                  .tableName(products)
                                  .key(key)
                                  .updateExpression(
                                      "SET price = :price, version = :next, last_price_change = :at, pricing_applied = :applied")
                                  .conditionExpression(condition)
                                  .expressionAttributeValues(values)
                                  .build())
                          .build(),
                      TransactWriteItem.builder()
                          .put(
                              Put.builder()
                                  .tableName(history)
                                  .item(entry)
                                  .conditionExpression("attribute_not_exists(change_id)")
                                  .build())
                          .build()));
          return new Outcome(
              Result.CHANGED,
              change.productId(),
              price,
              decision.newPrice(),
              decision.reason(),
              attempt);
        }
        dynamo.updateItem(
            b ->
                b.tableName(products)
                    .key(key)
                    .updateExpression("SET version = :next, pricing_applied = :applied")
                    .conditionExpression(condition)
                    .expressionAttributeValues(values));
        return new Outcome(
            Result.HELD, change.productId(), price, price, decision.reason(), attempt);
      } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
        backoff(attempt); // another writer won: decide again on what it wrote
      }
    }
    throw new ConflictException(
        "product "
            + change.productId()
            + " changed under every one of "
            + config.maxAttempts()
            + " attempts to apply stream record "
            + change.recordId());
  }

  private static BigDecimal number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? null : new BigDecimal(v.n());
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(Math.min(1000L, (long) (20 * Math.pow(2, attempt) * (0.5 + Math.random()))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
