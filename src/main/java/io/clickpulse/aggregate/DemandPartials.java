package io.clickpulse.aggregate;

import io.clickpulse.event.EventName;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch's partial demand folded event by event (each task of the lake batch folds the events it
 * writes; the driver merges the tasks'): the same totals as {@link DemandAggregation#partials},
 * whose Spark job it saves, counted by {@link FunnelCounts}' steps. DemandPartialsTest checks the
 * two agree.
 */
public final class DemandPartials implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long windowMicros;
  private final Map<Key, Partial> byKey = new HashMap<>();

  public DemandPartials(Duration window) {
    this.windowMicros = window.toNanos() / 1_000;
  }

  private record Key(long productId, long windowStartMicros) implements Serializable {}

  private static final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] counts = new long[FunnelCounts.STEPS.size()];
    BigDecimal revenue;
    final Set<String> users = new HashSet<>();
    BigDecimal basePrice;
    BigDecimal currentPrice;
    Long unitsSold24h;
    Boolean productKnown;

    long count(String eventName) {
      return counts[FunnelCounts.stepOf(eventName)];
    }

    void add(Partial o) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += o.counts[i];
      }
      revenue = revenue == null ? o.revenue : o.revenue == null ? revenue : revenue.add(o.revenue);
      users.addAll(o.users);
      basePrice = basePrice != null ? basePrice : o.basePrice;
      currentPrice = currentPrice != null ? currentPrice : o.currentPrice;
      unitsSold24h = unitsSold24h != null ? unitsSold24h : o.unitsSold24h;
      productKnown = productKnown != null ? productKnown : o.productKnown;
    }
  }

  /**
   * One accepted event (an event without a product counts nowhere); the catalog's values are null
   * when the batch has no catalog enricher.
   */
  public void add(
      Long productId,
      long eventTimeMicros,
      String eventName,
      BigDecimal price,
      String userId,
      BigDecimal basePrice,
      BigDecimal currentPrice,
      Long unitsSold24h,
      Boolean productKnown) {
    if (productId == null) {
      return;
    }
    long start = eventTimeMicros - Math.floorMod(eventTimeMicros, windowMicros);
    Partial p = byKey.computeIfAbsent(new Key(productId, start), k -> new Partial());
    int step = FunnelCounts.stepOf(eventName);
    if (step >= 0) {
      p.counts[step]++;
    }
    if (FunnelCounts.earns(eventName) && price != null) {
      p.revenue = p.revenue == null ? price : p.revenue.add(price);
    }
    if (userId != null) {
      p.users.add(userId);
    }
    p.basePrice = p.basePrice != null ? p.basePrice : basePrice;
    p.currentPrice = p.currentPrice != null ? p.currentPrice : currentPrice;
    p.unitsSold24h = p.unitsSold24h != null ? p.unitsSold24h : unitsSold24h;
    p.productKnown = p.productKnown != null ? p.productKnown : productKnown;
  }

  /** Adds another task's partials to these; returns this. */
  public DemandPartials merge(DemandPartials other) {
    other.byKey.forEach(
        (k, p) ->
            byKey.merge(
                k,
                p,
                (a, b) -> {
                  a.add(b);
                  return a;
                }));
    return this;
  }

  /**
   * The partial totals, one per product and window, as {@link DemandAggregation#totals} reads them.
   */
  public List<DemandTotals> totals() {
    List<DemandTotals> out = new ArrayList<>();
    byKey.forEach(
        (k, p) -> {
          Instant start = micros(k.windowStartMicros());
          DemandTotals.Builder t =
              DemandTotals.builder(
                      new DemandKey(k.productId(), start),
                      micros(k.windowStartMicros() + windowMicros))
                  .searches(p.count(EventName.SEARCH))
                  .views(p.count(EventName.VIEW_CONTENT))
                  .addToCarts(p.count(EventName.ADD_TO_CART))
                  .purchases(p.count(EventName.PURCHASE))
                  .users(UniqueUsers.of(p.users))
                  .basePrice(p.basePrice)
                  .currentPrice(p.currentPrice)
                  .productKnown(Boolean.TRUE.equals(p.productKnown));
          if (p.revenue != null) {
            t.revenue(p.revenue);
          }
          if (p.unitsSold24h != null) {
            t.unitsSold24h(p.unitsSold24h);
          }
          out.add(t.build());
        });
    return out;
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000);
  }
}
