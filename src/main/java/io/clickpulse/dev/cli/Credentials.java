package io.clickpulse.dev.cli;

import io.clickpulse.config.AwsConfig.StaticCredentials;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;

/** The emulators' keys: the profile's static credentials, which the local profile sets. */
final class Credentials {
  private Credentials() {}

  static StaticCredentials local(ClickpulseConfig config) {
    return config
        .aws()
        .staticCredentials()
        .orElseThrow(
            () ->
                new ConfigException(
                    "the local stack needs aws.access-key-id and aws.secret-access-key (the local profile sets them)"));
  }
}
