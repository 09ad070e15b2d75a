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
 *
 * <p>Built by name with {@link #builder()}: a dozen numbers in a row are easy to swap unnoticed.
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
    if (!(baselineScore > 0)
        || !(decayBelow < surgeAt)
        || !(floor > 0)
        || !(floor <= 1)
        || !(ceiling >= 1)
        || !(maxStep > 0)
        || surgeStep < 0
        || decayStep < 0
        || decayStep > 1
        || cooldown.isNegative()
        || lowStockBoost < 1
        || ending != null && (ending.signum() < 0 || ending.compareTo(BigDecimal.ONE) >= 0)) {
      throw new IllegalArgumentException(
          "inconsistent pricing rules: "
              + this
              + " (need baseline > 0, decay-below < surge-at, 0 < floor <= 1 <= ceiling, max-step > 0,"
              + " 0 <= decay-step <= 1, low-stock-boost >= 1, 0 <= ending < 1)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The same rules with some changed, e.g. {@code rules.toBuilder().ceiling(1.3).build()}. */
  public Builder toBuilder() {
    return builder()
        .baselineScore(baselineScore)
        .surgeAt(surgeAt)
        .decayBelow(decayBelow)
        .surgeStep(surgeStep)
        .decayStep(decayStep)
        .floor(floor)
        .ceiling(ceiling)
        .maxStep(maxStep)
        .cooldown(cooldown)
        .lowStock(lowStock)
        .lowStockBoost(lowStockBoost)
        .ending(ending);
  }

  /**
   * Every rule but {@code ending} (null = round to cents) must be set; {@link #build} says which
   * one is not.
   */
  public static final class Builder {
    private Double baselineScore;
    private Double surgeAt;
    private Double decayBelow;
    private Double surgeStep;
    private Double decayStep;
    private Double floor;
    private Double ceiling;
    private Double maxStep;
    private Duration cooldown;
    private Long lowStock;
    private Double lowStockBoost;
    private BigDecimal ending;

    private Builder() {}

    public Builder baselineScore(double v) {
      baselineScore = v;
      return this;
    }

    public Builder surgeAt(double v) {
      surgeAt = v;
      return this;
    }

    public Builder decayBelow(double v) {
      decayBelow = v;
      return this;
    }

    public Builder surgeStep(double v) {
      surgeStep = v;
      return this;
    }

    public Builder decayStep(double v) {
      decayStep = v;
      return this;
    }

    public Builder floor(double v) {
      floor = v;
      return this;
    }

    public Builder ceiling(double v) {
      ceiling = v;
      return this;
    }

    public Builder maxStep(double v) {
      maxStep = v;
      return this;
    }

    public Builder cooldown(Duration v) {
      cooldown = v;
      return this;
    }

    public Builder lowStock(long v) {
      lowStock = v;
      return this;
    }

    public Builder lowStockBoost(double v) {
      lowStockBoost = v;
      return this;
    }

    public Builder ending(BigDecimal v) {
      ending = v;
      return this;
    }

    public PricingRules build() {
      return new PricingRules(
          set(baselineScore, "baselineScore"),
          set(surgeAt, "surgeAt"),
          set(decayBelow, "decayBelow"),
          set(surgeStep, "surgeStep"),
          set(decayStep, "decayStep"),
          set(floor, "floor"),
          set(ceiling, "ceiling"),
          set(maxStep, "maxStep"),
          set(cooldown, "cooldown"),
          set(lowStock, "lowStock"),
          set(lowStockBoost, "lowStockBoost"),
          ending);
    }

    private static <T> T set(T value, String name) {
      if (value == null) {
        throw new IllegalStateException("pricing rule " + name + " is not set");
      }
      return value;
    }
  }
}
