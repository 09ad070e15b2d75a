package io.clickpulse.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemandTotalsTest {
  @Test
  void theBuilderSetsEachTotalByItsName() {
    Instant start = Instant.parse("2026-01-01T10:00:00Z");
    UniqueUsers users = UniqueUsers.of(Set.of("a"));
    DemandTotals t =
        DemandTotals.builder(new DemandKey(7, start), start.plusSeconds(60))
            .searches(1)
            .views(2)
            .addToCarts(3)
            .purchases(4)
            .revenue(new BigDecimal("5.00"))
            .users(users)
            .basePrice(new BigDecimal("6.00"))
            .currentPrice(new BigDecimal("7.00"))
            .unitsSold24h(8)
            .productKnown(true)
            .build();
    assertThat(t.key()).isEqualTo(new DemandKey(7, start));
    assertThat(t.windowEnd()).isEqualTo(start.plusSeconds(60));
    assertThat(List.of(t.searches(), t.views(), t.addToCarts(), t.purchases(), t.unitsSold24h()))
        .containsExactly(1L, 2L, 3L, 4L, 8L);
    assertThat(List.of(t.revenue(), t.basePrice(), t.currentPrice()))
        .containsExactly(new BigDecimal("5.00"), new BigDecimal("6.00"), new BigDecimal("7.00"));
    assertThat(t.users()).isSameAs(users);
    assertThat(t.productKnown()).isTrue();
  }

  @Test
  void unsetTotalsAreNone() {
    Instant start = Instant.parse("2026-01-01T10:00:00Z");
    DemandTotals t = DemandTotals.builder(new DemandKey(7, start), start.plusSeconds(60)).build();
    assertThat(t.searches() + t.views() + t.addToCarts() + t.purchases() + t.unitsSold24h())
        .isZero();
    assertThat(t.revenue()).isEqualTo(new BigDecimal("0.00"));
    assertThat(t.users().count()).isZero();
    assertThat(t.basePrice()).isNull();
    assertThat(t.currentPrice()).isNull();
    assertThat(t.productKnown()).isFalse();
  }
}
