package io.clickpulse.aggregate;

import java.time.Instant;

/** The key of a product_demand item: a product in a window. */
public record DemandKey(long productId, Instant windowStart) {
  /**
   * {@code 100013@2026-11-21T10:15:00Z}: the key as one line of text (the batch attempt records).
   */
  public String text() {
    return productId + "@" + windowStart;
  }

  public static DemandKey parse(String text) {
    int at = text.indexOf('@');
    return new DemandKey(
        Long.parseLong(text.substring(0, at)), Instant.parse(text.substring(at + 1)));
  }
}
