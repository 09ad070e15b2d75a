package io.clickpulse.config;

import io.clickpulse.dev.collect.CollectorConfig;
import io.clickpulse.dev.generate.GeneratorConfig;
import io.clickpulse.dev.local.StackConfig;
import io.clickpulse.dev.seed.SeedConfig;

/**
 * The config as a dev command loads it: the jobs' records plus the dev tools' own (generator, local
 * stack, seed), which read their keys when the command starts, with the same checks.
 */
final class WithDevTools {
  private WithDevTools() {}

  static ClickpulseConfig fromArgs(String... args) {
    ClickpulseConfig config = ClickpulseConfig.fromArgs(args);
    GeneratorConfig.from(config.settings());
    CollectorConfig.from(config.settings());
    StackConfig.from(config.settings());
    SeedConfig.from(config.settings());
    return config;
  }
}
