package io.clickpulse.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemandMergeTest {
  static final Instant W0 = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant W1 = Instant.parse("2026-01-01T10:01:00Z");

  static DemandTotals partial(
      long views, long carts, long purchases, String revenue, Set<String> users, long units24h) {
    return DemandTotals.builder(new DemandKey(100001, W0), W1)
        .searches(1)
        .views(views)
        .addToCarts(carts)
        .purchases(purchases)
        .revenue(new BigDecimal(revenue))
        .users(UniqueUsers.of(users))
        .basePrice(new BigDecimal("10.00"))
        .currentPrice(new BigDecimal("12.00"))
        .unitsSold24h(units24h)
        .productKnown(true)
        .build();
  }

  @Test
  void firstBatchStoresThePartial() {
    DemandTotals t =
        DemandMerge.add(Optional.empty(), partial(4, 1, 1, "12.00", Set.of("a", "b"), 0));
    assertThat(t.views()).isEqualTo(4);
    assertThat(t.userIds()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void laterBatchAddsAndUnitesUsers() {
    DemandTotals stored =
        DemandMerge.add(Optional.empty(), partial(4, 1, 1, "12.00", Set.of("a", "b"), 0));
    DemandTotals t =
        DemandMerge.add(Optional.of(stored), partial(2, 1, 2, "24.00", Set.of("b", "c"), 0));
    assertThat(t.searches()).isEqualTo(2);
    assertThat(t.views()).isEqualTo(6);
    assertThat(t.addToCarts()).isEqualTo(2);
    assertThat(t.purchases()).isEqualTo(3);
    assertThat(t.revenue()).isEqualByComparingTo("36.00");
    assertThat(t.userIds()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(t.users().count()).isEqualTo(3);
  }

  @Test
  void conversionRateAndDemandScore() {
    DemandTotals t = partial(8, 2, 2, "24.00", Set.of("a"), 0);
    assertThat(DemandMerge.conversionRate(t)).isEqualByComparingTo("0.25");
    // weighted 8 + 3*2 + 10*2 = 34; no order history: expected = 1
    assertThat(DemandMerge.demandScore(t)).isEqualByComparingTo("34.000");
    // 2880 units a day = 2 per minute; expected = 10 * 2 = 20 → 34 / 20
    assertThat(DemandMerge.demandScore(partial(8, 2, 2, "24.00", Set.of("a"), 2880)))
        .isEqualByComparingTo("1.700");
    assertThat(DemandMerge.conversionRate(partial(0, 0, 0, "0", Set.of(), 0)))
        .isEqualByComparingTo("0");
  }
}
