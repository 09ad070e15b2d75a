package io.clickpulse.aggregate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The product_demand table: reads stored totals, merges a batch ({@link DemandMerge}) and writes
 * the new absolute totals with an optimistic condition on the stored batch marker, so a replay
 * or a concurrent writer can never double-count. The marker holds the streaming query's id:
 * a new checkpoint (new query id, batch ids from 0 again) is not mistaken for a replay.
 */
public final class DemandStore {
  private static final int MAX_CONFLICT_RETRIES = 5;
  private static final int WRITE_THREADS = 4;

  private final DynamoDbClient dynamo;
  private final String table;
  private final Duration ttl;

  public DemandStore(DynamoDbClient dynamo, String table, Duration ttl) {
    this.dynamo = dynamo;
    this.table = table;
    this.ttl = ttl;
  }

  /** What a write did: items written, and items skipped because this batch was already applied. */
  public record Outcome(int written, int alreadyApplied) {}

  public Outcome apply(List<DemandTotals> partials, String writerId, long batchId) {
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> stored = load(partials);
    // items are independent: a few writes in flight hide the per-request latency
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(WRITE_THREADS);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
      for (DemandTotals partial : partials) {
        results.add(pool.submit(() -> applyOne(partial, stored.get(key(partial.productId(), partial.windowStart())), writerId, batchId)));
      }
      int written = 0;
      int skipped = 0;
      for (var r : results) {
        if (r.get()) {
          written++;
        } else {
          skipped++;
        }
      }
      return new Outcome(written, skipped);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing product_demand", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Merges one item; true if written, false if this batch was already applied to it. */
  private boolean applyOne(DemandTotals partial, Map<String, AttributeValue> current, String writerId, long batchId) {
    Map<String, AttributeValue> key = key(partial.productId(), partial.windowStart());
    for (int attempt = 1; ; attempt++) {
      Optional<StoredItem> s = Optional.ofNullable(current).map(StoredItem::from);
      boolean sameWriter = s.isPresent() && writerId.equals(s.get().writer());
      Optional<DemandTotals> base = s.map(i -> sameWriter ? i.totals() : i.totalsForeignWriter());
      Optional<DemandTotals> merged = DemandMerge.merge(base, partial, batchId);
      if (merged.isEmpty()) {
        return false;
      }
      try {
        put(merged.get(), writerId, s);
        return true;
      } catch (ConditionalCheckFailedException e) {
        if (attempt == MAX_CONFLICT_RETRIES) {
          throw new IllegalStateException("product_demand item " + key + " keeps changing under batch " + batchId, e);
        }
        current = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        if (current != null && current.isEmpty()) {
          current = null;
        }
      }
    }
  }

  /** A stored item, its totals and the writer/batch marker that guards replays. */
  record StoredItem(DemandTotals totals, String writer, long lastBatch) {
    static StoredItem from(Map<String, AttributeValue> item) {
      long last = Long.parseLong(item.get("last_batch").n());
      java.util.Set<String> users = item.containsKey("user_ids") ? new HashSet<>(item.get("user_ids").ss()) : new HashSet<>();
      DemandTotals t = new DemandTotals(Long.parseLong(item.get("product_id").n()),
          Instant.parse(item.get("window_start").s()), Instant.parse(item.get("window_end").s()),
          n(item, "searches"), n(item, "views"), n(item, "add_to_carts"), n(item, "purchases"),
          new BigDecimal(item.get("revenue").n()), java.util.Set.copyOf(users), dec(item, "base_price"), dec(item, "current_price"),
          n(item, "units_sold_24h"), item.containsKey("product_known") && item.get("product_known").bool(), last);
      return new StoredItem(t, item.containsKey("writer") ? item.get("writer").s() : "", last);
    }

    /** Totals written under another checkpoint: add to them, never treat them as a replay. */
    DemandTotals totalsForeignWriter() {
      DemandTotals t = totals;
      return new DemandTotals(t.productId(), t.windowStart(), t.windowEnd(), t.searches(), t.views(), t.addToCarts(),
          t.purchases(), t.revenue(), t.userIds(), t.basePrice(), t.currentPrice(), t.unitsSold24h(), t.productKnown(), -1);
    }

  }

  private void put(DemandTotals t, String writerId, Optional<StoredItem> previous) {
    Map<String, AttributeValue> item = new HashMap<>(key(t.productId(), t.windowStart()));
    item.put("window_end", AttributeValue.fromS(t.windowEnd().toString()));
    item.put("searches", num(t.searches()));
    item.put("views", num(t.views()));
    item.put("add_to_carts", num(t.addToCarts()));
    item.put("purchases", num(t.purchases()));
    item.put("revenue", AttributeValue.fromN(t.revenue().toPlainString()));
    item.put("unique_users", num(t.userIds().size()));
    if (!t.userIds().isEmpty()) {
      item.put("user_ids", AttributeValue.fromSs(new ArrayList<>(t.userIds())));
    }
    item.put("conversion_rate", AttributeValue.fromN(DemandMerge.conversionRate(t).toPlainString()));
    item.put("demand_score", AttributeValue.fromN(DemandMerge.demandScore(t).toPlainString()));
    if (t.basePrice() != null) {
      item.put("base_price", AttributeValue.fromN(t.basePrice().toPlainString()));
    }
    if (t.currentPrice() != null) {
      item.put("current_price", AttributeValue.fromN(t.currentPrice().toPlainString()));
    }
    item.put("units_sold_24h", num(t.unitsSold24h()));
    item.put("product_known", AttributeValue.fromBool(t.productKnown()));
    item.put("writer", AttributeValue.fromS(writerId));
    item.put("last_batch", num(t.lastBatch()));
    item.put("expires_at", num(t.windowEnd().plus(ttl).getEpochSecond()));
    if (previous.isEmpty()) {
      dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(product_id)"));
    } else {
      dynamo.putItem(b -> b.tableName(table).item(item)
          .conditionExpression("last_batch = :b AND (attribute_not_exists(writer) OR writer = :w)")
          .expressionAttributeValues(Map.of(":b", num(previous.get().lastBatch()),
              ":w", AttributeValue.fromS(previous.get().writer()))));
    }
  }

  private Map<Map<String, AttributeValue>, Map<String, AttributeValue>> load(List<DemandTotals> partials) {
    Map<Map<String, AttributeValue>, Map<String, AttributeValue>> out = new HashMap<>();
    List<Map<String, AttributeValue>> keys = partials.stream().map(p -> key(p.productId(), p.windowStart())).distinct().toList();
    for (int from = 0; from < keys.size(); from += 100) {
      Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
          .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true).build());
      for (int attempt = 0; !request.isEmpty(); attempt++) {
        if (attempt == 10) {
          throw new IllegalStateException("DynamoDB keeps returning unprocessed keys for " + table);
        }
        Map<String, KeysAndAttributes> r = request;
        var resp = dynamo.batchGetItem(b -> b.requestItems(r));
        resp.responses().getOrDefault(table, List.of())
            .forEach(item -> out.put(key(Long.parseLong(item.get("product_id").n()), Instant.parse(item.get("window_start").s())), item));
        request = resp.unprocessedKeys();
      }
    }
    return out;
  }

  static Map<String, AttributeValue> key(long productId, Instant windowStart) {
    return Map.of("product_id", AttributeValue.fromN(String.valueOf(productId)),
        "window_start", AttributeValue.fromS(windowStart.toString()));
  }

  private static AttributeValue num(long v) {
    return AttributeValue.fromN(String.valueOf(v));
  }

  private static long n(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0L;
  }

  private static BigDecimal dec(Map<String, AttributeValue> item, String name) {
    return item.containsKey(name) ? new BigDecimal(item.get(name).n()) : null;
  }
}
