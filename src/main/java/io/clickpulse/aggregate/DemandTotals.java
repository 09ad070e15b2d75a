package io.clickpulse.aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** Totals of one product in one window, as stored in the product_demand table. */
public record DemandTotals(
    long productId,
    Instant windowStart,
    Instant windowEnd,
    long searches,
    long views,
    long addToCarts,
    long purchases,
    BigDecimal revenue,
    Set<String> userIds,
    BigDecimal basePrice,
    BigDecimal currentPrice,
    long unitsSold24h,
    boolean productKnown,
    long lastBatch) {}
