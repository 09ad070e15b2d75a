package io.clickpulse.dev.seed;

import io.clickpulse.config.Settings;

/** Size and seed of the demo catalog, users and orders the local bootstrap writes. */
public record SeedConfig(int products, int users, int orders, long randomSeed) {
  public static SeedConfig from(Settings s) {
    return new SeedConfig(
        s.intIn("seed.products", 1, 100_000),
        s.intIn("seed.users", 1, 1_000_000),
        s.intIn("seed.orders", 0, 1_000_000),
        s.longValue("seed.random-seed"));
  }
}
