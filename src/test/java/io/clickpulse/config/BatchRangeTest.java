package io.clickpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.config.BatchConfig.Range;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The batch range as a fixed Glue trigger gives it (today, yesterday, the last hour), resolved
 * against a fixed clock, next to the fixed forms it keeps.
 */
class BatchRangeTest {
  /** Just after midnight: "yesterday" is the day that just ended, "last" its last hour. */
  private static final Clock AFTER_MIDNIGHT = at("2026-11-22T00:00:05Z");

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  private static Optional<Range> range(Clock clock, String... args) {
    return ClickpulseConfig.fromArgs(List.of(args), clock).batch().range();
  }

  private static Range of(String from, String to) {
    return new Range(Instant.parse(from), Instant.parse(to));
  }

  @Test
  void yesterdayAndTodayAreUtcDaysOfTheStart() {
    assertThat(range(AFTER_MIDNIGHT, "--batch.date", "yesterday"))
        .contains(of("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z"));
    assertThat(range(AFTER_MIDNIGHT, "--batch.date", "today"))
        .contains(of("2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z"));
    assertThat(range(at("2026-11-22T23:59:59.999Z"), "--batch.date", "Yesterday"))
        .contains(of("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z"));
    // the clock's zone does not matter: days are UTC days
    Clock tokyo = Clock.fixed(Instant.parse("2026-11-21T20:00:00Z"), ZoneOffset.ofHours(9));
    assertThat(range(tokyo, "--batch.date", "today"))
        .contains(of("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z"));
  }

  @Test
  void lastIsTheLastCompleteUtcHour() {
    assertThat(range(AFTER_MIDNIGHT, "--batch.hour", "last"))
        .contains(of("2026-11-21T23:00:00Z", "2026-11-22T00:00:00Z"));
    assertThat(range(at("2026-11-22T10:00:00Z"), "--batch.hour", "last"))
        .contains(of("2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z"));
    assertThat(range(at("2026-11-22T10:59:59.999Z"), "--batch.hour", "LAST"))
        .contains(of("2026-11-22T09:00:00Z", "2026-11-22T10:00:00Z"));
    assertThat(range(AFTER_MIDNIGHT, "--batch.hour", "2026-11-21T10:00:00Z"))
        .contains(of("2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z"));
  }

  @Test
  void fixedFormsDoNotDependOnTheClock() {
    assertThat(range(AFTER_MIDNIGHT, "--batch.date", "2026-11-01"))
        .contains(of("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"));
    assertThat(
            range(
                AFTER_MIDNIGHT,
                "--batch.from",
                "2026-11-21T00:00:00Z",
                "--batch.to",
                "2026-11-21T06:00:00Z"))
        .contains(of("2026-11-21T00:00:00Z", "2026-11-21T06:00:00Z"));
    assertThat(range(AFTER_MIDNIGHT)).isEmpty();
  }

  @Test
  void badValuesFailNamingTheKeyAndTheAcceptedForms() {
    assertThatThrownBy(() -> range(AFTER_MIDNIGHT, "--batch.date", "tomorrow"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'batch.date'")
        .hasMessageContaining("argument --batch.date")
        .hasMessageContaining("'tomorrow'")
        .hasMessageContaining("2026-11-21")
        .hasMessageContaining("'today'")
        .hasMessageContaining("'yesterday'");
    assertThatThrownBy(() -> range(AFTER_MIDNIGHT, "--batch.hour", "previous"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'batch.hour'")
        .hasMessageContaining("'last'")
        .hasMessageContaining("2026-11-21T10:00:00Z");
    assertThatThrownBy(() -> range(AFTER_MIDNIGHT, "--batch.hour", "2026-11-21T10:30:00Z"))
        .hasMessageContaining("'batch.hour'")
        .hasMessageContaining("whole UTC hour");
  }

  @Test
  void oneFormAtATime() {
    assertThatThrownBy(
            () -> range(AFTER_MIDNIGHT, "--batch.date", "yesterday", "--batch.hour", "last"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("batch.date")
        .hasMessageContaining("batch.hour");
    assertThatThrownBy(
            () ->
                range(
                    AFTER_MIDNIGHT, "--batch.hour", "last", "--batch.from", "2026-11-21T00:00:00Z"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("batch.from");
    assertThatThrownBy(() -> range(AFTER_MIDNIGHT, "--batch.to", "2026-11-21T06:00:00Z"))
        .hasMessageContaining("'batch.from' is required");
  }
}
