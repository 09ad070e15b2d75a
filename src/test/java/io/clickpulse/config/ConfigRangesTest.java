package io.clickpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.clickpulse.dev.generate.GeneratorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out-of-range values fail when the config is loaded (the one loader of every job), naming the key,
 * the value and where it came from: negative, zero where zero makes no sense, overflowing
 * durations, numbers beyond int or long, NaN and infinities, negative counts.
 */
class ConfigRangesTest {

  /** Every duration key, and whether zero is a valid value (documented in the defaults file). */
  private static final Map<String, Boolean> ZERO_ALLOWED =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("kinesis.max-fetch-time", false),
              Map.entry("streaming.trigger-interval", true),
              Map.entry("streaming.demand-trigger-interval", true),
              Map.entry("streaming.dedup-watermark", false),
              Map.entry("streaming.max-event-age", false),
              Map.entry("streaming.max-event-future", true),
              Map.entry("streaming.demand-window", false),
              Map.entry("streaming.demand-ttl", false),
              Map.entry("streaming.reference-refresh", false),
              Map.entry("streaming.run-for", true),
              Map.entry("sessions.gap", false),
              Map.entry("sessions.max-length", false),
              Map.entry("sessions.allowed-lateness", true),
              Map.entry("sessions.stagger-step", false),
              Map.entry("sessions.short-session-alert", true),
              Map.entry("sessions.ttl", false),
              Map.entry("alerts.timeout", false),
              Map.entry("compaction.min-age", true),
              Map.entry("compaction.retain-replaced", true),
              Map.entry("athena.timeout", false),
              Map.entry("pricing.cooldown", true),
              Map.entry("pricing.poll-interval", false),
              Map.entry("stack.start-timeout", false),
              Map.entry("stack.athena-start-timeout", false),
              Map.entry("generate.think-time", false),
              Map.entry("generate.late-by", true),
              Map.entry("collector.linger", true),
              Map.entry("collector.retry-backoff", false),
              Map.entry("collector.response-timeout", false),
              Map.entry("collector.retry-after", false)));

  private static ConfigException failure(String... args) {
    Throwable t = Assertions.catchThrowable(() -> WithDevTools.fromArgs(args));
    assertThat(t).as("config " + List.of(args)).isInstanceOf(ConfigException.class);
    return (ConfigException) t;
  }

  @Test
  void everyDurationKeyOfTheDefaultsIsListedHere() throws Exception {
    TreeSet<String> durationKeys = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("conf/clickpulse-defaults.properties"))) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#")
          && eq > 0
          && Settings.parseDuration(line.substring(eq + 1).trim()).isPresent()
          && !line.substring(eq + 1).trim().matches("\\d+")) {
        durationKeys.add(line.substring(0, eq));
      }
    }
    durationKeys.add("compaction.min-age"); // empty by default (derived), a duration when given
    assertThat(ZERO_ALLOWED.keySet()).containsExactlyInAnyOrderElementsOf(durationKeys);
  }

  @Test
  void everyDurationKeyRejectsNegativeValuesNamingKeyValueAndSource() {
    for (String key : ZERO_ALLOWED.keySet()) {
      for (String negative : List.of("PT-5S", "-PT5S", "P-1D")) {
        assertThat(failure("--" + key, negative).getMessage())
            .as(key)
            .contains("'" + key + "'")
            .contains("'" + negative + "'")
            .contains("argument --" + key)
            .contains("negative");
      }
    }
  }

  @Test
  void zeroIsRefusedExactlyWhereItMakesNoSense() {
    ZERO_ALLOWED.forEach(
        (key, allowed) -> {
          if (allowed) {
            assertThatCode(() -> ClickpulseConfig.fromArgs("--" + key, "0s"))
                .as(key)
                .doesNotThrowAnyException();
          } else {
            assertThat(failure("--" + key, "0s").getMessage())
                .as(key)
                .contains("'" + key + "'")
                .contains("'0s'");
          }
        });
    assertThat(
            ClickpulseConfig.fromArgs("--streaming.trigger-interval", "0s")
                .streaming()
                .triggerInterval())
        .isZero();
  }

  @Test
  void overflowingDurationsAreConfigErrorsNotArithmeticExceptions() {
    for (String key : ZERO_ALLOWED.keySet()) {
      for (String huge :
          List.of(
              "9999999999999999d",
              "99999999999999999999s",
              "PT9999999999999999999S",
              "P999999999999999D")) {
        assertThat(failure("--" + key, huge).getMessage())
            .as(key + " " + huge)
            .contains("'" + key + "'")
            .contains("'" + huge + "'")
            .contains("argument --" + key)
            .contains("at most 3650d");
      }
    }
    // within a Duration's range, but beyond what deadlines in nanoseconds can hold
    assertThat(failure("--streaming.run-for", "3651d").getMessage())
        .contains("streaming.run-for")
        .contains("at most 3650d");
    assertThat(ClickpulseConfig.fromArgs("--sessions.ttl", "3650d").sessions().ttl())
        .isEqualTo(Duration.ofDays(3650));
  }

  @Test
  void aBadValueInAProfileNamesTheProfile(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("ops.properties");
    Files.writeString(profile, "streaming.dedup-watermark=PT-5S\n");
    assertThat(failure("--profile", profile.toString()).getMessage())
        .contains("'streaming.dedup-watermark'")
        .contains("'PT-5S'")
        .contains("profile " + profile);
  }

  @Test
  void integersBeyondIntOrLongAndNegativeCountsFailNamingTheKey() {
    assertThat(failure("--kinesis.shards", "99999999999").getMessage())
        .contains("'kinesis.shards'")
        .contains("'99999999999'")
        .contains("argument --kinesis.shards");
    assertThat(failure("--streaming.max-record-bytes", "2147483648").getMessage())
        .contains("streaming.max-record-bytes");
    assertThat(failure("--generate.seed", "99999999999999999999").getMessage())
        .contains("'generate.seed'")
        .contains("argument --generate.seed");
    assertThat(failure("--seed.random-seed", "1e3").getMessage()).contains("seed.random-seed");
    for (String key :
        List.of(
            "seed.orders",
            "generate.count",
            "generate.rate",
            "enrich.user-agent.cache-size",
            "compaction.min-files",
            "kinesis.max-records-per-read",
            "stack.s3-port")) {
      assertThat(failure("--" + key, "-1").getMessage())
          .as(key)
          .contains("'" + key + "'")
          .contains("'-1'");
    }
    assertThat(failure("--pricing.low-stock", "-1").getMessage())
        .contains("pricing.low-stock")
        .contains("'-1'")
        .contains("argument --pricing.low-stock");
    assertThat(failure("--pricing.low-stock", "99999999999999999999").getMessage())
        .contains("not a number");
  }

  @Test
  void plannedEventsThatOverflowAnIntFailNamingRateAndSeconds() {
    assertThat(failure("--generate.rate", "1000000", "--generate.seconds", "86400").getMessage())
        .contains("generate.rate")
        .contains("generate.seconds")
        .contains("86400000000");
    // with an exact count, rate x seconds is not used
    assertThat(
            GeneratorConfig.from(
                    ClickpulseConfig.fromArgs(
                            "--generate.rate",
                            "1000000",
                            "--generate.seconds",
                            "86400",
                            "--generate.count",
                            "10")
                        .settings())
                .plannedEvents())
        .isEqualTo(10);
  }

  @Test
  void notANumberAndInfinitiesAreRefused() {
    for (String bad : List.of("NaN", "Infinity", "-Infinity")) {
      assertThat(failure("--generate.malformed-share", bad).getMessage())
          .contains("'generate.malformed-share'")
          .contains("'" + bad + "'");
      assertThat(failure("--streaming.high-intent-threshold", bad).getMessage())
          .contains("'streaming.high-intent-threshold'")
          .contains("'" + bad + "'")
          .contains("argument --streaming.high-intent-threshold");
      for (String key :
          List.of(
              "pricing.surge-step",
              "pricing.ceiling",
              "pricing.low-stock-boost",
              "pricing.decay-below")) {
        assertThat(failure("--" + key, bad).getMessage()).as(key + "=" + bad).contains(key);
      }
    }
    assertThat(failure("--pricing.ceiling", "Infinity").getMessage())
        .contains("'pricing.ceiling'")
        .contains("a finite number")
        .contains("argument --pricing.ceiling");
  }

  @Test
  void perCategoryPricingRulesAreCheckedLikeTheirKeys() {
    assertThat(failure("--pricing.category-rules", "books: cooldown=PT-1M").getMessage())
        .contains("pricing.category-rules (books: cooldown)")
        .contains("'PT-1M'")
        .contains("negative")
        .contains("argument --pricing.category-rules");
    assertThat(failure("--pricing.category-rules", "books: surge-step=NaN").getMessage())
        .contains("pricing.category-rules (books: surge-step)")
        .contains("'NaN'");
    assertThat(failure("--pricing.category-rules", "books: low-stock=-3").getMessage())
        .contains("pricing.category-rules (books: low-stock)");
    assertThat(
            ClickpulseConfig.fromArgs("--pricing.category-rules", "books: cooldown=0s")
                .pricing()
                .rules("books")
                .cooldown())
        .isZero();
  }

  @Test
  void formatChecksOfTheRecordsNameTheValuesSource(@TempDir Path dir) throws Exception {
    assertThat(failure("--lake.bucket", "Bad_Bucket").getMessage())
        .contains("(from argument --lake.bucket)");
    assertThat(failure("--dynamodb.table.sessions", "x").getMessage())
        .contains("(from argument --dynamodb.table.sessions)");
    assertThat(failure("--kinesis.connector", "kcl").getMessage())
        .contains("(from argument --kinesis.connector)");
    Path profile = dir.resolve("p.properties");
    Files.writeString(profile, "aws.region=mars\n");
    assertThat(failure("--profile", profile.toString()).getMessage())
        .contains("'aws.region'")
        .contains("(from profile " + profile);
  }
}
