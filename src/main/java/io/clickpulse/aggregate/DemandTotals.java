package io.clickpulse.aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * Totals of one product in one window: a batch's partial counts, or what product_demand stores.
 * Built by name ({@link #builder}): six longs and three decimals would swap silently by position.
 */
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

  /**
   * Totals of the product's window: counts 0, revenue 0.00, no users, no catalog details until set.
   */
  public static Builder builder(DemandKey key, Instant windowEnd) {
    return new Builder(key, windowEnd);
  }

  public static final class Builder {
    private final DemandKey key;
    private final Instant windowEnd;
    private long searches;
    private long views;
    private long addToCarts;
    private long purchases;
    private BigDecimal revenue = BigDecimal.ZERO.setScale(2);
    private UniqueUsers users = UniqueUsers.none();
    private BigDecimal basePrice;
    private BigDecimal currentPrice;
    private long unitsSold24h;
    private boolean productKnown;

    private Builder(DemandKey key, Instant windowEnd) {
      this.key = key;
      this.windowEnd = windowEnd;
    }

    public Builder searches(long v) {
      searches = v;
      return this;
    }

    public Builder views(long v) {
      views = v;
      return this;
    }

    public Builder addToCarts(long v) {
      addToCarts = v;
      return this;
    }

    public Builder purchases(long v) {
      purchases = v;
      return this;
    }

    public Builder revenue(BigDecimal v) {
      revenue = v;
      return this;
    }

    public Builder users(UniqueUsers v) {
      users = v;
      return this;
    }

    public Builder basePrice(BigDecimal v) {
      basePrice = v;
      return this;
    }

    public Builder currentPrice(BigDecimal v) {
      currentPrice = v;
      return this;
    }

    public Builder unitsSold24h(long v) {
      unitsSold24h = v;
      return this;
    }

    public Builder productKnown(boolean v) {
      productKnown = v;
      return this;
    }

    public DemandTotals build() {
      return new DemandTotals(
          key.productId(),
          key.windowStart(),
          windowEnd,
          searches,
          views,
          addToCarts,
          purchases,
          revenue,
          users,
          basePrice,
          currentPrice,
          unitsSold24h,
          productKnown);
    }
  }
}
