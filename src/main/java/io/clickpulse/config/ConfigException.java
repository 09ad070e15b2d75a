package io.clickpulse.config;

/** A configuration value is missing, unknown or malformed; the message names the key. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public static ConfigException badValue(String key, String value, String expected, String source) {
    return new ConfigException(
        "config key '"
            + key
            + "' (from "
            + source
            + "): expected "
            + expected
            + ", got '"
            + value
            + "'");
  }
}
