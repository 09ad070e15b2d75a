package io.clickpulse.aggregate;

import java.time.Instant;

/** The key of a product_demand item: a product in a window. */
public record DemandKey(long productId, Instant windowStart) {}
