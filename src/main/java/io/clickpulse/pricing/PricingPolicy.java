package io.clickpulse.pricing;

import io.clickpulse.config.PricingRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * From a product's demand and prices to its next price, as a pure function. Demand pressure is the
 * window's demand score over the baseline, multiplied when stock is low. High pressure surges the
 * price by a step; low pressure decays it part of the way back to the base price; anything between
 * holds it. The result is kept within [floor, ceiling] x base, moves at most max-step x current per
 * change, is rounded (cents or a price ending), and no change happens within the cooldown after the
 * last one.
 */
public final class PricingPolicy {
  private PricingPolicy() {}

  /** What the policy sees of one product. */
  public record Input(
      double demandScore,
      long stock,
      BigDecimal basePrice,
      BigDecimal currentPrice,
      Instant lastChange,
      Instant now) {}

  /** The new price, or none, and why. */
  public record Decision(BigDecimal newPrice, String reason) {
    public boolean changes() {
      return newPrice != null;
    }
  }

  public static Decision decide(Input in, PricingRules r) {
    if (in.basePrice() == null
        || in.basePrice().signum() <= 0
        || in.currentPrice() == null
        || in.currentPrice().signum() <= 0) {
      return new Decision(null, "no usable base or current price");
    }
    if (in.lastChange() != null
        && Duration.between(in.lastChange(), in.now()).compareTo(r.cooldown()) < 0) {
      return new Decision(null, "cooldown: last change at " + in.lastChange());
    }
    double base = in.basePrice().doubleValue();
    double current = in.currentPrice().doubleValue();
    double pressure =
        in.demandScore()
            / r.baselineScore()
            * (in.stock() <= r.lowStock() ? r.lowStockBoost() : 1.0);
    double target;
    String why;
    if (pressure >= r.surgeAt()) {
      target = current * (1 + r.surgeStep());
      why = String.format("surge: demand pressure %.2f >= %.2f", pressure, r.surgeAt());
    } else if (pressure < r.decayBelow() && current != base) {
      target = current - (current - base) * r.decayStep();
      why =
          String.format("decay toward base: demand pressure %.2f < %.2f", pressure, r.decayBelow());
    } else {
      return new Decision(null, String.format("hold: demand pressure %.2f", pressure));
    }
    // bounds first, then the step limit: a price outside the bounds (a manual change, a new base
    // price) moves toward them by at most one step per change
    target = clamp(target, base * r.floor(), base * r.ceiling());
    double low = current * (1 - r.maxStep());
    double high = current * (1 + r.maxStep());
    target = clamp(target, low, high);
    BigDecimal price =
        round(
            target,
            r.ending(),
            Math.max(low, base * r.floor()),
            Math.min(high, base * r.ceiling()));
    if (price.compareTo(in.currentPrice()) == 0) {
      return new Decision(
          null, "hold: " + why + ", but bounds and rounding keep " + in.currentPrice());
    }
    return new Decision(price, why);
  }

  private static double clamp(double v, double min, double max) {
    return Math.min(Math.max(v, min), max);
  }

  /**
   * Cents; or, with an ending, the nearest price with that ending within [min, max] (cents when
   * none is).
   */
  static BigDecimal round(double price, BigDecimal ending, double min, double max) {
    BigDecimal cents = BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP);
    if (ending == null) {
      return cents;
    }
    BigDecimal whole = cents.setScale(0, RoundingMode.FLOOR);
    BigDecimal best = null;
    for (BigDecimal candidate :
        new BigDecimal[] {whole.add(ending), whole.subtract(BigDecimal.ONE).add(ending)}) {
      boolean inside =
          candidate.signum() > 0
              && candidate.doubleValue() >= min - 1e-9
              && candidate.doubleValue() <= max + 1e-9;
      if (inside
          && (best == null
              || Math.abs(candidate.doubleValue() - price)
                  < Math.abs(best.doubleValue() - price))) {
        best = candidate;
      }
    }
    return best == null ? cents : best.setScale(2, RoundingMode.UNNECESSARY);
  }
}
