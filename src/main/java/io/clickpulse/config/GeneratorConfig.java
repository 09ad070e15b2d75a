package io.clickpulse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How much synthetic traffic the generator sends, and which faults it injects. */
public record GeneratorConfig(
    int rate,
    int seconds,
    int count,
    long seed,
    Duration thinkTime,
    Optional<Instant> startTime,
    double malformedShare,
    double duplicateShare,
    double lateShare,
    double unknownProductShare,
    Duration lateBy,
    Path report) {

  public static GeneratorConfig from(Settings s) {
    double malformed = s.share("generate.malformed-share");
    double duplicate = s.share("generate.duplicate-share");
    double late = s.share("generate.late-share");
    double unknown = s.share("generate.unknown-product-share");
    double faults = malformed + duplicate + late + unknown;
    if (faults > 0.9) {
      throw new ConfigException("config keys generate.malformed-share + duplicate-share + late-share"
          + " + unknown-product-share must add up to at most 0.9, got " + faults);
    }
    return new GeneratorConfig(
        s.intIn("generate.rate", 0, 1_000_000),
        s.intIn("generate.seconds", 1, 86_400),
        s.intIn("generate.count", 0, 100_000_000),
        s.longValue("generate.seed"),
        positive(s, "generate.think-time"),
        s.optionalInstant("generate.start-time"),
        malformed,
        duplicate,
        late,
        unknown,
        s.duration("generate.late-by"),
        Path.of(s.string("generate.report")));
  }

  private static Duration positive(Settings s, String key) {
    Duration d = s.duration(key);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException("config key '" + key + "': must be above zero, got " + d);
    }
    return d;
  }

  /** Events to send: the exact count, or rate x seconds. */
  public int plannedEvents() {
    return count > 0 ? count : Math.max(1, rate) * seconds;
  }
}
