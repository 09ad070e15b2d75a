package io.clickpulse.dev.generate;

import io.clickpulse.config.ConfigException;
import io.clickpulse.config.Settings;
import java.net.URI;
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
    Path report,
    double collectorShare,
    Optional<URI> collectorEndpoint) {

  /** The most events one run sends (the upper bound of generate.count). */
  static final int MAX_PLANNED_EVENTS = 100_000_000;

  public static GeneratorConfig from(Settings s) {
    double malformed = s.share("generate.malformed-share");
    double duplicate = s.share("generate.duplicate-share");
    double late = s.share("generate.late-share");
    double unknown = s.share("generate.unknown-product-share");
    double faults = malformed + duplicate + late + unknown;
    if (faults > 0.9) {
      throw new ConfigException(
          "config keys generate.malformed-share + duplicate-share + late-share"
              + " + unknown-product-share must add up to at most 0.9, got "
              + faults);
    }
    int rate = s.intIn("generate.rate", 0, 1_000_000);
    int seconds = s.intIn("generate.seconds", 1, 86_400);
    int count = s.intIn("generate.count", 0, 100_000_000);
    // without a count the generator plans rate x seconds events, which must stay a count it can
    // hold
    if (count == 0 && (long) Math.max(1, rate) * seconds > MAX_PLANNED_EVENTS) {
      throw new ConfigException(
          "config keys 'generate.rate' ("
              + rate
              + ", from "
              + s.source("generate.rate")
              + ") x 'generate.seconds' ("
              + seconds
              + ", from "
              + s.source("generate.seconds")
              + ") plan "
              + (long) Math.max(1, rate) * seconds
              + " events, more than "
              + MAX_PLANNED_EVENTS
              + " (the most generate.count takes): lower one of them, or set generate.count");
    }
    return new GeneratorConfig(
        rate,
        seconds,
        count,
        s.longValue("generate.seed"),
        s.positiveDuration("generate.think-time"),
        s.optionalInstant("generate.start-time"),
        malformed,
        duplicate,
        late,
        unknown,
        s.duration("generate.late-by"),
        Path.of(s.string("generate.report")),
        s.share("generate.collector-share"),
        s.optionalEndpoint("generate.collector-endpoint"));
  }

  /** Events to send: the exact count, or rate x seconds. */
  public int plannedEvents() {
    return count > 0 ? count : Math.max(1, rate) * seconds;
  }
}
