package io.clickpulse.aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Adds a batch's partial counts to the stored totals, exactly once per batch: a stored item
 * that already carries this batch id (or a later one) is left as it is, so replaying a batch
 * changes nothing. Also derives the conversion rate and the demand score.
 *
 * <p>Demand score: weighted activity (views + 3 x add-to-carts + 10 x purchases) against what
 * the order history predicts for one window (10 x units sold in the last 24 h, scaled to the
 * window length, at least 1). About 1 means usual demand; above 1, more than usual.
 */
public final class DemandMerge {
  private DemandMerge() {}

  /** The new totals to store, or empty when this batch was already applied. */
  public static Optional<DemandTotals> merge(Optional<DemandTotals> stored, DemandTotals partial, long batchId) {
    if (stored.isPresent() && stored.get().lastBatch() >= batchId) {
      return Optional.empty();
    }
    if (stored.isEmpty()) {
      return Optional.of(withBatch(partial, batchId));
    }
    DemandTotals s = stored.get();
    Set<String> users = new HashSet<>(s.userIds());
    users.addAll(partial.userIds());
    return Optional.of(new DemandTotals(s.productId(), s.windowStart(), s.windowEnd(),
        s.searches() + partial.searches(), s.views() + partial.views(), s.addToCarts() + partial.addToCarts(),
        s.purchases() + partial.purchases(), s.revenue().add(partial.revenue()), Set.copyOf(users),
        partial.basePrice() != null ? partial.basePrice() : s.basePrice(),
        partial.currentPrice() != null ? partial.currentPrice() : s.currentPrice(),
        partial.unitsSold24h(), partial.productKnown() || s.productKnown(), batchId));
  }

  private static DemandTotals withBatch(DemandTotals p, long batchId) {
    return new DemandTotals(p.productId(), p.windowStart(), p.windowEnd(), p.searches(), p.views(), p.addToCarts(),
        p.purchases(), p.revenue(), Set.copyOf(p.userIds()), p.basePrice(), p.currentPrice(), p.unitsSold24h(),
        p.productKnown(), batchId);
  }

  public static BigDecimal conversionRate(DemandTotals t) {
    return t.views() == 0 ? BigDecimal.ZERO
        : BigDecimal.valueOf(t.purchases()).divide(BigDecimal.valueOf(t.views()), 4, RoundingMode.HALF_UP);
  }

  public static BigDecimal demandScore(DemandTotals t) {
    double window = Duration.between(t.windowStart(), t.windowEnd()).toSeconds();
    double expected = Math.max(1.0, 10.0 * t.unitsSold24h() * window / 86_400.0);
    double weighted = t.views() + 3.0 * t.addToCarts() + 10.0 * t.purchases();
    return BigDecimal.valueOf(weighted / expected).setScale(3, RoundingMode.HALF_UP);
  }
}
