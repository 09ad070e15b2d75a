package io.clickpulse.aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;

/**
 * Adds a batch's partial counts to a base (the totals before that batch), and derives the
 * conversion rate and the demand score. Which base a batch adds to, so that a replay replaces
 * its own earlier contribution, is {@link DemandStore}'s decision.
 *
 * <p>Demand score: weighted activity (views + 3 x add-to-carts + 10 x purchases) against what
 * the order history predicts for one window (10 x units sold in the last 24 h, scaled to the
 * window length, at least 1). About 1 means usual demand; above 1, more than usual.
 */
public final class DemandMerge {
  private DemandMerge() {}

  public static DemandTotals add(Optional<DemandTotals> base, DemandTotals partial) {
    if (base.isEmpty()) {
      return partial;
    }
    DemandTotals s = base.get();
    return new DemandTotals(s.productId(), s.windowStart(), s.windowEnd(),
        s.searches() + partial.searches(), s.views() + partial.views(), s.addToCarts() + partial.addToCarts(),
        s.purchases() + partial.purchases(), s.revenue().add(partial.revenue()), s.users().union(partial.users()),
        partial.basePrice() != null ? partial.basePrice() : s.basePrice(),
        partial.currentPrice() != null ? partial.currentPrice() : s.currentPrice(),
        partial.unitsSold24h(), partial.productKnown() || s.productKnown());
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
