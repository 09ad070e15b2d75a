package io.clickpulse.config;

/** The Kinesis stream events arrive on. */
public record StreamConfig(String name, int shards) {
  public static StreamConfig from(Settings s) {
    String name = s.string("kinesis.stream");
    if (!name.matches("[A-Za-z0-9_.-]{1,128}")) {
      throw ConfigException.badValue(
          "kinesis.stream",
          name,
          "a Kinesis stream name (1-128 of A-Z a-z 0-9 _ . -)",
          s.source("kinesis.stream"));
    }
    return new StreamConfig(name, s.intIn("kinesis.shards", 1, 64));
  }
}
