package io.clickpulse.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.config.PricingRules;
import io.clickpulse.pricing.PricingPolicy.Decision;
import io.clickpulse.pricing.PricingPolicy.Input;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each rule on one product, base price 10.00, baseline score 10, computed by hand. */
class PricingPolicyTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  static final PricingRules RULES =
      PricingRules.builder()
          .baselineScore(10)
          .surgeAt(1.5)
          .surgeStep(0.05)
          .decayBelow(0.5)
          .decayStep(0.5)
          .floor(0.8)
          .ceiling(1.5)
          .maxStep(0.1)
          .cooldown(Duration.ofMinutes(5))
          .lowStock(5)
          .lowStockBoost(1.5)
          .build();

  static Decision decide(double score, long stock, String current, PricingRules rules) {
    return PricingPolicy.decide(
        new Input(score, stock, new BigDecimal("10.00"), new BigDecimal(current), null, NOW),
        rules);
  }

  static PricingRules with(double surgeStep, double decayStep, BigDecimal ending) {
    return RULES.toBuilder().surgeStep(surgeStep).decayStep(decayStep).ending(ending).build();
  }

  @Test
  void surgesOnHighDemand() {
    Decision d = decide(20, 100, "10.00", RULES); // pressure 2.0 >= 1.5: +5 %
    assertThat(d.newPrice()).isEqualByComparingTo("10.50");
    assertThat(d.reason()).startsWith("surge");
  }

  @Test
  void holdsBetweenTheThresholds() {
    assertThat(decide(10, 100, "12.00", RULES).changes()).isFalse(); // pressure 1.0
  }

  @Test
  void decaysTowardBaseWhenDemandFalls() {
    Decision d = decide(2, 100, "11.00", RULES); // pressure 0.2 < 0.5: half the way back to 10.00
    assertThat(d.newPrice()).isEqualByComparingTo("10.50");
    assertThat(d.reason()).startsWith("decay");
    assertThat(decide(2, 100, "10.00", RULES).changes()).isFalse(); // already at base
  }

  @Test
  void neverAboveTheCeiling() {
    assertThat(decide(50, 100, "14.80", RULES).newPrice())
        .isEqualByComparingTo("15.00"); // 15.54 → ceiling 1.5 x 10
    Decision atCeiling = decide(50, 100, "15.00", RULES);
    assertThat(atCeiling.changes()).isFalse();
    assertThat(atCeiling.reason()).contains("bounds");
  }

  @Test
  void belowTheFloorMovesUpByOneStepAtMost() {
    // 7.50 (a manual price) surges to 7.875, the floor says 8.00, one step allows up to 8.25
    assertThat(decide(20, 100, "7.50", RULES).newPrice()).isEqualByComparingTo("8.00");
    // 5.00: the floor (8.00) is further than one step: 5.50
    assertThat(decide(20, 100, "5.00", RULES).newPrice()).isEqualByComparingTo("5.50");
  }

  @Test
  void movesAtMostOneMaxStep() {
    assertThat(decide(20, 100, "10.00", with(0.5, 0.5, null)).newPrice())
        .isEqualByComparingTo("11.00"); // +50 % → +10 %
    assertThat(decide(0, 100, "15.00", with(0.05, 1.0, null)).newPrice())
        .isEqualByComparingTo("13.50"); // to 10 → -10 %
  }

  @Test
  void waitsForTheCooldown() {
    Input recent =
        new Input(
            50,
            100,
            new BigDecimal("10.00"),
            new BigDecimal("10.00"),
            NOW.minus(Duration.ofMinutes(4)),
            NOW);
    assertThat(PricingPolicy.decide(recent, RULES).changes()).isFalse();
    assertThat(PricingPolicy.decide(recent, RULES).reason()).startsWith("cooldown");
    Input later =
        new Input(
            50,
            100,
            new BigDecimal("10.00"),
            new BigDecimal("10.00"),
            NOW.minus(Duration.ofMinutes(5)),
            NOW);
    assertThat(PricingPolicy.decide(later, RULES).newPrice()).isEqualByComparingTo("10.50");
  }

  @Test
  void lowStockRaisesThePressure() {
    assertThat(decide(12, 100, "10.00", RULES).changes()).isFalse(); // 1.2
    assertThat(decide(12, 3, "10.00", RULES).newPrice())
        .isEqualByComparingTo("10.50"); // 1.2 x 1.5 = 1.8
  }

  @Test
  void roundsToCentsOrToAPriceEnding() {
    assertThat(decide(20, 100, "10.33", RULES).newPrice()).isEqualByComparingTo("10.85"); // 10.8465
    PricingRules ending = with(0.05, 0.5, new BigDecimal("0.99"));
    assertThat(decide(20, 100, "10.00", ending).newPrice())
        .isEqualByComparingTo("10.99"); // nearest x.99 to 10.50 within [9, 11]
    assertThat(decide(20, 100, "14.50", ending).newPrice())
        .isEqualByComparingTo("14.99"); // 15.00 by the ceiling; 14.99 fits
  }

  @Test
  void unusablePricesAndBadRulesAreClear() {
    assertThat(
            PricingPolicy.decide(new Input(50, 1, null, new BigDecimal("1"), null, NOW), RULES)
                .reason())
        .contains("no usable");
    assertThatThrownBy(
            () -> RULES.toBuilder().surgeAt(0.5).decayBelow(1.5).cooldown(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decay-below < surge-at");
  }

  @Test
  void rulesAreBuiltByNameAndAMissingOneIsNamed() {
    assertThat(RULES.toBuilder().ceiling(1.3).build().ceiling()).isEqualTo(1.3);
    assertThatThrownBy(() -> PricingRules.builder().baselineScore(10).surgeAt(1.5).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("decayBelow is not set");
  }
}
