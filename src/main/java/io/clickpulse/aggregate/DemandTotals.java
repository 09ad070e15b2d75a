package io.clickpulse.aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** Totals of one product in one window: a batch's partial counts, or what product_demand stores. */
public record DemandTotals(
    long productId,
    Instant windowStart,
    Instant windowEnd,
    long searches,
    long views,
    long addToCarts,
    long purchases,
    BigDecimal revenue,
    UniqueUsers users,
    BigDecimal basePrice,
    BigDecimal currentPrice,
    long unitsSold24h,
    boolean productKnown) {

  /** The exact user ids, or none once there were too many to keep ({@link UniqueUsers}). */
  public Set<String> userIds() {
    return users.exactIds().orElse(Set.of());
  }

  public DemandKey key() {
    return new DemandKey(productId, windowStart);
  }
}
