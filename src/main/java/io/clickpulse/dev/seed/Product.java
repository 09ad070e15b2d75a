package io.clickpulse.dev.seed;

import java.math.BigDecimal;

/** A catalog entry as stored in the DynamoDB {@code products} table. */
public record Product(
    long productId,
    String name,
    String category,
    BigDecimal basePrice,
    BigDecimal price,
    int stock) {}
