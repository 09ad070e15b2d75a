package io.clickpulse.config;

import io.clickpulse.config.BatchConfig.Range;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The range of a batch job from batch.date, batch.hour or batch.from / batch.to. A fixed schedule
 * (a Glue trigger) cannot name the day it runs on, so batch.date takes {@code today} and {@code
 * yesterday} and batch.hour takes {@code last}: these are resolved once, when the config is loaded,
 * against the clock, and the resolved range is logged.
 */
final class BatchRangeResolver {
  private static final Logger LOG = LoggerFactory.getLogger(BatchRangeResolver.class);
  static final String DATE_FORMS = "a UTC day such as 2026-11-21, 'today' or 'yesterday' (UTC)";
  static final String HOUR_FORMS =
      "a whole UTC hour such as 2026-11-21T10:00:00Z, or 'last' (the last complete UTC hour)";

  private BatchRangeResolver() {}

  static Optional<Range> resolve(Settings s, Clock clock) {
    Optional<String> date = s.optional("batch.date");
    Optional<String> hour = s.optional("batch.hour");
    Optional<Instant> from = s.optionalInstant("batch.from");
    Optional<Instant> to = s.optionalInstant("batch.to");
    int given = (date.isPresent() ? 1 : 0) + (hour.isPresent() ? 1 : 0);
    if (given > 1 || (given == 1 && (from.isPresent() || to.isPresent()))) {
      throw new ConfigException(
          "config: give one of batch.date (--date), batch.hour (--hour), or batch.from and"
              + " batch.to (--from, --to), not several");
    }
    // one reading of the clock: a job that starts at 23:59:59.999 works on one day throughout
    Instant now = clock.instant();
    if (date.isPresent()) {
      return Optional.of(logged(s, "batch.date", date.get(), day(s, date.get(), now), now));
    }
    if (hour.isPresent()) {
      return Optional.of(logged(s, "batch.hour", hour.get(), hour(s, hour.get(), now), now));
    }
    if (from.isPresent() || to.isPresent()) {
      return Optional.of(hours(s, from, to));
    }
    return Optional.empty();
  }

  private static Range day(Settings s, String value, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate day =
        switch (value.toLowerCase(Locale.ROOT)) {
          case "today" -> today;
          case "yesterday" -> today.minusDays(1);
          default -> {
            try {
              yield LocalDate.parse(value);
            } catch (DateTimeParseException e) {
              throw ConfigException.badValue(
                  "batch.date", value, DATE_FORMS, s.source("batch.date"));
            }
          }
        };
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    return new Range(start, start.plus(Duration.ofDays(1)));
  }

  private static Range hour(Settings s, String value, Instant now) {
    Instant start;
    if (value.equalsIgnoreCase("last")) {
      start = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    } else {
      try {
        start = Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw ConfigException.badValue("batch.hour", value, HOUR_FORMS, s.source("batch.hour"));
      }
      if (!start.equals(start.truncatedTo(ChronoUnit.HOURS))) {
        throw ConfigException.badValue("batch.hour", value, HOUR_FORMS, s.source("batch.hour"));
      }
    }
    return new Range(start, start.plus(Duration.ofHours(1)));
  }

  /** Logs a value that depends on when the job started (not a date or an hour), with its range. */
  private static Range logged(Settings s, String key, String value, Range range, Instant now) {
    if (!Character.isDigit(value.charAt(0))) {
      LOG.info("{}={} (from {}) at {}: range {}", key, value, s.source(key), now, range.describe());
    }
    return range;
  }

  private static Range hours(Settings s, Optional<Instant> from, Optional<Instant> to) {
    Instant f =
        from.orElseThrow(
            () -> new ConfigException("config key 'batch.from' is required with batch.to"));
    Instant t =
        to.orElseThrow(
            () -> new ConfigException("config key 'batch.to' is required with batch.from"));
    if (!f.equals(f.truncatedTo(ChronoUnit.HOURS))
        || !t.equals(t.truncatedTo(ChronoUnit.HOURS))
        || !f.isBefore(t)) {
      throw ConfigException.badValue(
          "batch.to", f + " .. " + t, "whole UTC hours with from before to", s.source("batch.to"));
    }
    return new Range(f, t);
  }
}
