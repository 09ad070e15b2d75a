package io.clickpulse.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The sessions query and the sessions batch re-run (sessions.* keys). */
public record SessionsConfig(
    boolean enabled,
    Mode mode,
    Duration gap,
    Duration maxLength,
    Duration allowedLateness,
    Duration staggerStep,
    Duration shortSessionAlert,
    Duration ttl,
    String checkpoint,
    Metrics metrics,
    String metricsNamespace,
    String metricsFile,
    Optional<Instant> from,
    Optional<Instant> to) {

  public enum Mode {
    GAP,
    STAGGER
  }

  /**
   * Where per-batch session metrics go (sessions.metrics): CloudWatch PutMetricData, or JSON lines
   * in a local file.
   */
  public enum Metrics {
    CLOUDWATCH,
    LOCAL
  }

  public static SessionsConfig from(Settings s, LakeConfig lake) {
    Mode mode = s.mode("sessions.mode", Mode.class);
    Duration gap = s.positiveDuration("sessions.gap");
    Duration max = s.positiveDuration("sessions.max-length");
    if (max.compareTo(gap) < 0) {
      throw ConfigException.badValue(
          "sessions.max-length",
          s.rawValue("sessions.max-length"),
          "at least sessions.gap (" + gap + ")",
          s.source("sessions.max-length"));
    }
    Duration step = s.duration("sessions.stagger-step");
    if (!step.equals(Duration.ofSeconds(30)) && !step.equals(Duration.ofMinutes(1))) {
      throw ConfigException.badValue(
          "sessions.stagger-step",
          s.rawValue("sessions.stagger-step"),
          "30s (the SQL's STEP) or 1min (its FLOOR TO MINUTE)",
          s.source("sessions.stagger-step"));
    }
    Optional<Instant> from = s.optionalInstant("sessions.from");
    Optional<Instant> to = s.optionalInstant("sessions.to");
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw ConfigException.badValue(
          "sessions.to",
          to.get().toString(),
          "a time after sessions.from (" + from.get() + ")",
          s.source("sessions.to"));
    }
    return new SessionsConfig(
        s.bool("sessions.enabled"),
        mode,
        gap,
        max,
        s.duration("sessions.allowed-lateness"),
        step,
        s.duration("sessions.short-session-alert"),
        s.positiveDuration("sessions.ttl"),
        s.optional("sessions.checkpoint")
            .orElse(lake.uri("checkpoints/sessions-" + Settings.modeName(mode))),
        s.mode("sessions.metrics", Metrics.class),
        s.string("sessions.metrics-namespace"),
        s.string("sessions.metrics-file"),
        from,
        to);
  }
}
