package io.clickpulse.config;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parameters of the pricing policy (one set per category, from config):
 *
 * <ul>
 *   <li>{@code baselineScore}: the demand score per window that counts as normal demand;
 *   <li>{@code surgeAt} / {@code decayBelow}: demand pressure (score / baseline, raised when stock
 *       is low) at or above which the price rises, and below which it decays toward base;
 *   <li>{@code surgeStep} / {@code decayStep}: the share of the current price added on a surge, and
 *       the share of the distance to the base price removed on a decay;
 *   <li>{@code floor} / {@code ceiling}: bounds as multipliers of the base price;
 *   <li>{@code maxStep}: the largest change per update, as a share of the current price;
 *   <li>{@code cooldown}: the least time between two changes of one product;
 *   <li>{@code lowStock} / {@code lowStockBoost}: at or below this stock, pressure is multiplied;
 *   <li>{@code ending}: {@code null} to round to cents, or the cents every price ends in (0.99).
 * </ul>
 */
public record PricingRules(
    double baselineScore,
    double surgeAt,
    double decayBelow,
    double surgeStep,
    double decayStep,
    double floor,
    double ceiling,
    double maxStep,
    Duration cooldown,
    long lowStock,
    double lowStockBoost,
    BigDecimal ending) {

  public PricingRules {
    if (!(baselineScore > 0) || !(decayBelow < surgeAt) || !(floor > 0) || !(floor <= 1) || !(ceiling >= 1)
        || !(maxStep > 0) || surgeStep < 0 || decayStep < 0 || decayStep > 1 || cooldown.isNegative()
        || lowStockBoost < 1 || ending != null && (ending.signum() < 0 || ending.compareTo(BigDecimal.ONE) >= 0)) {
      throw new IllegalArgumentException("inconsistent pricing rules: " + this
          + " (need baseline > 0, decay-below < surge-at, 0 < floor <= 1 <= ceiling, max-step > 0,"
          + " 0 <= decay-step <= 1, low-stock-boost >= 1, 0 <= ending < 1)");
    }
  }
}
