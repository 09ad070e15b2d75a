package io.clickpulse.aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;

/**
 * Adds a batch's partial counts to a base (the totals before that batch), and derives the
 * conversion rate and the demand score. Which base a batch adds to, so that a replay replaces its
 * own earlier contribution, is {@link DemandStore}'s decision.
 *
 * <p>Demand score: weighted activity (views + 3 x add-to-carts + 10 x purchases) against what the
 * order history predicts for one window (10 x units sold in the last 24 h, scaled to the window
 * length, at least 1). About 1 means usual demand; above 1, more than usual.
 */
public final class DemandMerge {
  private DemandMerge() {}

  public static DemandTotals add(Optional<DemandTotals> base, DemandTotals partial) {
    if (base.isEmpty()) {
      return partial;
    }
    DemandTotals s = base.get();
    return DemandTotals.builder(s.key(), s.windowEnd())
        .searches(s.searches() + partial.searches())
        .views(s.views() + partial.views())
        .addToCarts(s.addToCarts() + partial.addToCarts())
        .purchases(s.purchases() + partial.purchases())
        .revenue(s.revenue().add(partial.revenue()))
        .users(s.users().union(partial.users()))
        .basePrice(partial.basePrice() != null ? partial.basePrice() : s.basePrice())
        .currentPrice(partial.currentPrice() != null ? partial.currentPrice() : s.currentPrice())
        .unitsSold24h(partial.unitsSold24h())
        .productKnown(partial.productKnown() || s.productKnown())
        .build();
  }

  public static BigDecimal conversionRate(DemandTotals t) {
    return t.views() == 0
        ? BigDecimal.ZERO
        : BigDecimal.valueOf(t.purchases())
            .divide(BigDecimal.valueOf(t.views()), 4, RoundingMode.HALF_UP);
  }

  public static BigDecimal demandScore(DemandTotals t) {
    double window = Duration.between(t.windowStart(), t.windowEnd()).toSeconds();
    double expected = Math.max(1.0, 10.0 * t.unitsSold24h() * window / 86_400.0);
    double weighted = t.views() + 3.0 * t.addToCarts() + 10.0 * t.purchases();
    return BigDecimal.valueOf(weighted / expected).setScale(3, RoundingMode.HALF_UP);
  }
}
