package io.clickpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mode key is parsed into its enum at start; a bad value fails naming key, value, source and
 * the allowed values.
 */
class ConfigModesTest {

  /** Each mode key, its enum, and the error text listing the allowed values. */
  private static final Map<String, Class<? extends Enum<?>>> MODES =
      Map.of(
          "kinesis.connector", StreamingConfig.Connector.class,
          "kinesis.starting-position", StreamingConfig.StartingPosition.class,
          "sessions.mode", SessionsConfig.Mode.class,
          "sessions.metrics", SessionsConfig.Metrics.class,
          "athena.engine", BatchConfig.AthenaEngine.class,
          "alerts.sink", AlertsConfig.Sink.class);

  @Test
  void aBadModeNamesKeyValueSourceAndAllowedValues() {
    Map<String, String> allowed =
        Map.of(
            "kinesis.connector", "one of qubole, awslabs",
            "kinesis.starting-position", "one of TRIM_HORIZON, LATEST, AT_TIMESTAMP",
            "sessions.mode", "one of gap, stagger",
            "sessions.metrics", "one of cloudwatch, local",
            "athena.engine", "one of athena, trino",
            "alerts.sink", "one of none, jsonl, webhook, sns");
    assertThat(allowed.keySet()).isEqualTo(MODES.keySet());
    allowed.forEach(
        (key, expected) ->
            assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--" + key, "bogus"))
                .as(key)
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                    "config key '"
                        + key
                        + "' (from argument --"
                        + key
                        + "): expected "
                        + expected
                        + ", got 'bogus'"));
  }

  @Test
  void aBadModeInAProfileNamesTheProfile(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("p.properties");
    Files.writeString(profile, "athena.engine=presto\n");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--profile", profile.toString()))
        .hasMessageContaining("'athena.engine'")
        .hasMessageContaining("(from profile " + profile)
        .hasMessageContaining("'presto'")
        .hasMessageContaining("athena, trino");
  }

  @Test
  void everyModeParsesFromItsConfigSpellingInAnyCase() {
    assertThat(ClickpulseConfig.fromArgs("--kinesis.connector", "AWSLABS").streaming().connector())
        .isEqualTo(StreamingConfig.Connector.AWSLABS);
    assertThat(
            ClickpulseConfig.fromArgs("--kinesis.starting-position", "latest")
                .streaming()
                .startingPosition())
        .isEqualTo(StreamingConfig.StartingPosition.LATEST);
    assertThat(ClickpulseConfig.fromArgs("--sessions.mode", "Stagger").sessions().mode())
        .isEqualTo(SessionsConfig.Mode.STAGGER);
    assertThat(ClickpulseConfig.fromArgs("--sessions.metrics", "local").sessions().metrics())
        .isEqualTo(SessionsConfig.Metrics.LOCAL);
    assertThat(ClickpulseConfig.fromArgs("--athena.engine", "trino").batch().athenaEngine())
        .isEqualTo(BatchConfig.AthenaEngine.TRINO);
    assertThat(Settings.modeName(StreamingConfig.StartingPosition.AT_TIMESTAMP))
        .isEqualTo("AT_TIMESTAMP");
    assertThat(Settings.modeName(StreamingConfig.Connector.QUBOLE)).isEqualTo("qubole");
  }

  @Test
  void theDefaultsFileListsEveryAllowedValueOfAMode() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("conf/clickpulse-defaults.properties"));
    MODES.forEach(
        (key, type) -> {
          int at =
              lines.indexOf(
                  lines.stream().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow());
          StringBuilder comment = new StringBuilder();
          for (int i = at - 1; i >= 0 && lines.get(i).startsWith("#"); i--) {
            comment.insert(0, lines.get(i) + "\n");
          }
          for (String name :
              Arrays.stream(type.getEnumConstants()).map(Settings::modeName).toList()) {
            assertThat(comment.toString()).as("comment above " + key).contains(name);
          }
        });
  }
}
