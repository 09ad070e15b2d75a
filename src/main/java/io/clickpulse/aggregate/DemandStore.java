package io.clickpulse.aggregate;

import static io.clickpulse.aggregate.DemandColumns.ADD_TO_CARTS;
import static io.clickpulse.aggregate.DemandColumns.BEFORE_LAST_BATCH;
import static io.clickpulse.aggregate.DemandColumns.CONVERSION_RATE;
import static io.clickpulse.aggregate.DemandColumns.DEMAND_SCORE;
import static io.clickpulse.aggregate.DemandColumns.EXPIRES_AT;
import static io.clickpulse.aggregate.DemandColumns.LAST_BATCH;
import static io.clickpulse.aggregate.DemandColumns.PRODUCT_ID;
import static io.clickpulse.aggregate.DemandColumns.PURCHASES;
import static io.clickpulse.aggregate.DemandColumns.REVENUE;
import static io.clickpulse.aggregate.DemandColumns.SEARCHES;
import static io.clickpulse.aggregate.DemandColumns.UNIQUE_USERS;
import static io.clickpulse.aggregate.DemandColumns.USERS_SKETCH;
import static io.clickpulse.aggregate.DemandColumns.USER_IDS;
import static io.clickpulse.aggregate.DemandColumns.VIEWS;
import static io.clickpulse.aggregate.DemandColumns.WINDOW_END;
import static io.clickpulse.aggregate.DemandColumns.WINDOW_START;
import static io.clickpulse.aggregate.DemandColumns.WRITER;
import static io.clickpulse.enrich.EnrichedColumns.BASE_PRICE;
import static io.clickpulse.enrich.EnrichedColumns.CURRENT_PRICE;
import static io.clickpulse.enrich.EnrichedColumns.PRODUCT_KNOWN;
import static io.clickpulse.enrich.EnrichedColumns.UNITS_SOLD_24H;

import io.clickpulse.aws.Interrupted;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The product_demand table. Each item keeps its totals, the batch that last changed it (with the
 * writing query's id) and its totals from before that batch. A batch adds its partial counts to the
 * totals; a replay of the same batch id adds them to the totals from before instead, so it replaces
 * its earlier contribution whatever the replay read (the Kinesis source re-reads up to the stream's
 * head, so a replay can hold more or fewer records than the first attempt). Items the first attempt
 * touched and the replay does not are put back to their totals from before (or deleted, when that
 * batch created them). Every write is conditional on the marker it read, so a concurrent writer can
 * never double-count. A new checkpoint (new query id, batch ids from 0 again) is not mistaken for a
 * replay: it adds to what it finds.
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

  /**
   * What a write did: items written, of which replayed (a replay replaced this batch's earlier
   * contribution), and items put back because an earlier attempt of the batch touched them and this
   * one did not.
   */
  public record Outcome(int written, int replayed, int reverted) {
    public static final Outcome NONE = new Outcome(0, 0, 0);
  }

  private enum Effect {
    WRITTEN,
    REPLAYED,
    REVERTED,
    UNCHANGED
  }

  /**
   * Applies batch {@code batchId}'s partials. {@code earlierAttempt}: the keys an earlier attempt
   * of the same batch id may have written (empty on a first attempt).
   */
  public Outcome apply(
      List<DemandTotals> partials,
      Collection<DemandKey> earlierAttempt,
      String writerId,
      long batchId) {
    Map<DemandKey, DemandTotals> byKey = new LinkedHashMap<>();
    partials.forEach(p -> byKey.put(p.key(), p));
    Set<DemandKey> keys = new LinkedHashSet<>(byKey.keySet());
    keys.addAll(earlierAttempt);
    Map<DemandKey, Map<String, AttributeValue>> stored = load(keys);
    // items are independent: a few writes in flight hide the per-request latency
    ExecutorService pool = Executors.newFixedThreadPool(WRITE_THREADS);
    try {
      List<Future<Effect>> results = new ArrayList<>();
      for (DemandKey key : keys) {
        results.add(
            pool.submit(
                () ->
                    applyOne(
                        key,
                        Optional.ofNullable(byKey.get(key)),
                        stored.get(key),
                        writerId,
                        batchId)));
      }
      int written = 0;
      int replayed = 0;
      int reverted = 0;
      for (Future<Effect> r : results) {
        switch (r.get()) {
          case WRITTEN -> written++;
          case REPLAYED -> {
            written++;
            replayed++;
          }
          case REVERTED -> reverted++;
          case UNCHANGED -> {}
        }
      }
      return new Outcome(written, replayed, reverted);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      throw Interrupted.whileWriting("product_demand", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One item: the partial added to the right base, or (no partial) an earlier attempt's effect
   * undone.
   */
  private Effect applyOne(
      DemandKey key,
      Optional<DemandTotals> partial,
      Map<String, AttributeValue> current,
      String writerId,
      long batchId) {
    for (int attempt = 1; ; attempt++) {
      Optional<StoredItem> s = Optional.ofNullable(current).map(StoredItem::from);
      boolean replay =
          s.isPresent() && s.get().writer().equals(writerId) && s.get().lastBatch() == batchId;
      if (s.isPresent() && s.get().writer().equals(writerId) && s.get().lastBatch() > batchId) {
        return Effect
            .UNCHANGED; // a later batch of this query is stored: this one was committed long ago
      }
      if (partial.isEmpty() && !replay) {
        return Effect.UNCHANGED; // the earlier attempt never reached this item
      }
      Optional<DemandTotals> base = replay ? s.get().beforeLast() : s.map(StoredItem::totals);
      try {
        if (partial.isPresent()) {
          put(DemandMerge.add(base, partial.get()), base, writerId, batchId, s);
          return replay ? Effect.REPLAYED : Effect.WRITTEN;
        }
        if (base.isPresent()) {
          put(base.get(), base, writerId, batchId, s);
        } else {
          dynamo.deleteItem(
              b ->
                  b.tableName(table)
                      .key(itemKey(key))
                      .conditionExpression(MARKER_UNCHANGED)
                      .expressionAttributeValues(markerValues(s.get())));
        }
        return Effect.REVERTED;
      } catch (ConditionalCheckFailedException e) {
        if (attempt == MAX_CONFLICT_RETRIES) {
          throw new IllegalStateException(
              "product_demand item " + key + " keeps changing under batch " + batchId, e);
        }
        current =
            dynamo.getItem(b -> b.tableName(table).key(itemKey(key)).consistentRead(true)).item();
        if (current != null && current.isEmpty()) {
          current = null;
        }
      }
    }
  }

  private static final String MARKER_UNCHANGED =
      LAST_BATCH + " = :b AND (attribute_not_exists(" + WRITER + ") OR " + WRITER + " = :w)";

  private static Map<String, AttributeValue> markerValues(StoredItem s) {
    return Map.of(":b", num(s.lastBatch()), ":w", AttributeValue.fromS(s.writer()));
  }

  /** A stored item: its totals, the writer/batch marker, and its totals from before that batch. */
  record StoredItem(
      DemandTotals totals, String writer, long lastBatch, Optional<DemandTotals> beforeLast) {
    static StoredItem from(Map<String, AttributeValue> item) {
      DemandKey key = keyOf(item);
      DemandTotals t = totals(key, item, item);
      Optional<DemandTotals> before =
          item.containsKey(BEFORE_LAST_BATCH)
              ? Optional.of(totals(key, item.get(BEFORE_LAST_BATCH).m(), item))
              : Optional.empty();
      return new StoredItem(
          t,
          item.containsKey(WRITER) ? item.get(WRITER).s() : "",
          Long.parseLong(item.get(LAST_BATCH).n()),
          before);
    }

    /**
     * Counts from {@code counts} (the item or its before-last map), product details from the item.
     */
    private static DemandTotals totals(
        DemandKey key, Map<String, AttributeValue> counts, Map<String, AttributeValue> item) {
      UniqueUsers users =
          UniqueUsers.stored(
              Optional.ofNullable(counts.get(USER_IDS)).map(v -> Set.copyOf(v.ss())),
              Optional.ofNullable(counts.get(USERS_SKETCH)).map(v -> v.b().asByteArray()));
      return DemandTotals.builder(key, Instant.parse(item.get(WINDOW_END).s()))
          .searches(n(counts, SEARCHES))
          .views(n(counts, VIEWS))
          .addToCarts(n(counts, ADD_TO_CARTS))
          .purchases(n(counts, PURCHASES))
          .revenue(new BigDecimal(counts.get(REVENUE).n()))
          .users(users)
          .basePrice(dec(item, BASE_PRICE))
          .currentPrice(dec(item, CURRENT_PRICE))
          .unitsSold24h(n(item, UNITS_SOLD_24H))
          .productKnown(item.containsKey(PRODUCT_KNOWN) && item.get(PRODUCT_KNOWN).bool())
          .build();
    }
  }

  /**
   * Writes totals {@code t} as changed by batch {@code batchId}, remembering {@code base} as the
   * totals before it.
   */
  private void put(
      DemandTotals t,
      Optional<DemandTotals> base,
      String writerId,
      long batchId,
      Optional<StoredItem> previous) {
    Map<String, AttributeValue> item = new HashMap<>(itemKey(t.key()));
    item.putAll(counts(t));
    item.put(WINDOW_END, AttributeValue.fromS(t.windowEnd().toString()));
    item.put(UNIQUE_USERS, num(t.users().count()));
    item.put(CONVERSION_RATE, AttributeValue.fromN(DemandMerge.conversionRate(t).toPlainString()));
    item.put(DEMAND_SCORE, AttributeValue.fromN(DemandMerge.demandScore(t).toPlainString()));
    if (t.basePrice() != null) {
      item.put(BASE_PRICE, AttributeValue.fromN(t.basePrice().toPlainString()));
    }
    if (t.currentPrice() != null) {
      item.put(CURRENT_PRICE, AttributeValue.fromN(t.currentPrice().toPlainString()));
    }
    item.put(UNITS_SOLD_24H, num(t.unitsSold24h()));
    item.put(PRODUCT_KNOWN, AttributeValue.fromBool(t.productKnown()));
    item.put(WRITER, AttributeValue.fromS(writerId));
    item.put(LAST_BATCH, num(batchId));
    base.ifPresent(b -> item.put(BEFORE_LAST_BATCH, AttributeValue.fromM(counts(b))));
    item.put(EXPIRES_AT, num(t.windowEnd().plus(ttl).getEpochSecond()));
    if (previous.isEmpty()) {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(item)
                  .conditionExpression("attribute_not_exists(" + PRODUCT_ID + ")"));
    } else {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(item)
                  .conditionExpression(MARKER_UNCHANGED)
                  .expressionAttributeValues(markerValues(previous.get())));
    }
  }

  /** The additive part of an item: counts, revenue and users. */
  private static Map<String, AttributeValue> counts(DemandTotals t) {
    Map<String, AttributeValue> m = new HashMap<>();
    m.put(SEARCHES, num(t.searches()));
    m.put(VIEWS, num(t.views()));
    m.put(ADD_TO_CARTS, num(t.addToCarts()));
    m.put(PURCHASES, num(t.purchases()));
    m.put(REVENUE, AttributeValue.fromN(t.revenue().toPlainString()));
    t.users()
        .exactIds()
        .filter(ids -> !ids.isEmpty())
        .ifPresent(ids -> m.put(USER_IDS, AttributeValue.fromSs(new ArrayList<>(ids))));
    m.put(USERS_SKETCH, AttributeValue.fromB(SdkBytes.fromByteArray(t.users().sketchBytes())));
    return m;
  }

  private Map<DemandKey, Map<String, AttributeValue>> load(Collection<DemandKey> keySet) {
    Map<DemandKey, Map<String, AttributeValue>> out = new HashMap<>();
    List<Map<String, AttributeValue>> keys = keySet.stream().map(DemandStore::itemKey).toList();
    for (int from = 0; from < keys.size(); from += 100) {
      Map<String, KeysAndAttributes> request =
          Map.of(
              table,
              KeysAndAttributes.builder()
                  .keys(keys.subList(from, Math.min(keys.size(), from + 100)))
                  .consistentRead(true)
                  .build());
      for (int attempt = 0; !request.isEmpty(); attempt++) {
        if (attempt == 10) {
          throw new IllegalStateException("DynamoDB keeps returning unprocessed keys for " + table);
        }
        Map<String, KeysAndAttributes> r = request;
        var resp = dynamo.batchGetItem(b -> b.requestItems(r));
        resp.responses().getOrDefault(table, List.of()).forEach(item -> out.put(keyOf(item), item));
        request = resp.unprocessedKeys();
      }
    }
    return out;
  }

  private static DemandKey keyOf(Map<String, AttributeValue> item) {
    return new DemandKey(
        Long.parseLong(item.get(PRODUCT_ID).n()), Instant.parse(item.get(WINDOW_START).s()));
  }

  static Map<String, AttributeValue> itemKey(DemandKey key) {
    return Map.of(
        PRODUCT_ID,
        AttributeValue.fromN(String.valueOf(key.productId())),
        WINDOW_START,
        AttributeValue.fromS(key.windowStart().toString()));
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
