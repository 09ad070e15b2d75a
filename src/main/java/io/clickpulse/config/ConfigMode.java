package io.clickpulse.config;

/**
 * A mode enum whose config spelling is not its constant's name in lower case with hyphens, such as
 * Kinesis' own {@code TRIM_HORIZON}: {@link Settings#mode} parses and {@link Settings#modeName}
 * writes it.
 */
public interface ConfigMode {
  String configName();
}
