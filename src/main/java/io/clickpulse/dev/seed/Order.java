package io.clickpulse.dev.seed;

import java.math.BigDecimal;
import java.time.Instant;

/** A historical order line as stored in the DynamoDB {@code orders} table. */
public record Order(
    String orderId,
    long productId,
    String userId,
    int units,
    BigDecimal unitPrice,
    Instant orderedAt) {}
