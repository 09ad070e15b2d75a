package io.clickpulse.dev.generate;

import io.clickpulse.config.ConfigException;
import io.clickpulse.config.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How much synthetic traffic the generator sends, from which producers in which shares, and which
 * faults it injects.
 */
public record GeneratorConfig(
    Map<Producer, Double> producerShares,
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
        producerShares(s),
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

  /**
   * generate.producers with each one's generate.PRODUCER-share, normalized to add up to 1, in the
   * enum's order. An unknown or repeated name, an empty list or a listed producer without a share
   * fail naming the key.
   */
  static Map<Producer, Double> producerShares(Settings s) {
    String key = "generate.producers";
    String allowed =
        Arrays.stream(Producer.values()).map(Settings::modeName).collect(Collectors.joining(", "));
    List<String> names = s.list(key);
    if (names.isEmpty()) {
      throw ConfigException.badValue(
          key, s.rawValue(key), "a comma-separated list of " + allowed, s.source(key));
    }
    Map<Producer, Double> shares = new EnumMap<>(Producer.class);
    for (String name : names) {
      Producer p =
          Arrays.stream(Producer.values())
              .filter(c -> Settings.modeName(c).equalsIgnoreCase(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      ConfigException.badValue(
                          key,
                          s.rawValue(key),
                          "a comma-separated list of "
                              + allowed
                              + " ('"
                              + name
                              + "' is none of them)",
                          s.source(key)));
      String shareKey = shareKey(p);
      double share = s.share(shareKey);
      if (share == 0) {
        throw new ConfigException(
            "config key '"
                + shareKey
                + "' (from "
                + s.source(shareKey)
                + ") is 0, but '"
                + key
                + "' lists "
                + Settings.modeName(p)
                + ": give it a share above 0 or leave it out of the list");
      }
      if (shares.put(p, share) != null) {
        throw ConfigException.badValue(
            key,
            s.rawValue(key),
            "a comma-separated list of " + allowed + " (each at most once)",
            s.source(key));
      }
    }
    double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
    shares.replaceAll((p, share) -> share / total);
    return Collections.unmodifiableMap(shares);
  }

  /** The config key of a producer's share: generate.pixel-share, generate.app-share, ... */
  static String shareKey(Producer p) {
    return "generate." + Settings.modeName(p) + "-share";
  }

  /** Events to send: the exact count, or rate x seconds. */
  public int plannedEvents() {
    return count > 0 ? count : Math.max(1, rate) * seconds;
  }
}
