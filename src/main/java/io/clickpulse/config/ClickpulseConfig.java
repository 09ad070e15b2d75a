package io.clickpulse.config;

import java.time.Clock;
import java.util.List;

/**
 * All of clickpulse's typed configuration, read once at start so that every bad value fails before
 * any work begins. Jobs take the parts they need.
 */
public record ClickpulseConfig(
    Settings settings,
    JobArguments arguments,
    AwsConfig aws,
    StreamConfig stream,
    TableNames tables,
    LakeConfig lake,
    StreamingConfig streaming,
    SessionsConfig sessions,
    AlertsConfig alerts,
    PricingConfig pricing,
    EnrichConfig enrich,
    BatchConfig batch) {

  public static ClickpulseConfig fromArgs(List<String> args) {
    return fromArgs(args, Clock.systemUTC());
  }

  /** With the clock that relative batch ranges (batch.date=yesterday, …) are resolved against. */
  public static ClickpulseConfig fromArgs(List<String> args, Clock clock) {
    JobArguments parsed = JobArguments.parse(args);
    Settings s = Settings.resolve(parsed);
    LakeConfig lake = LakeConfig.from(s);
    StreamingConfig streaming = StreamingConfig.from(s, lake);
    return new ClickpulseConfig(
        s,
        parsed,
        AwsConfig.from(s),
        StreamConfig.from(s),
        TableNames.from(s),
        lake,
        streaming,
        SessionsConfig.from(s, lake),
        AlertsConfig.from(s),
        PricingConfig.from(s),
        EnrichConfig.from(s),
        BatchConfig.from(s, streaming, clock));
  }

  public static ClickpulseConfig fromArgs(String... args) {
    return fromArgs(List.of(args));
  }
}
