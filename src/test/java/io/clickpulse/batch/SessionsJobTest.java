package io.clickpulse.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.sink.LakeLayout;
import io.clickpulse.source.RawArchive;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionsJobTest {
  @Test
  void replacesTheHourPartitionsThatSessionStartsInTheRangeFallIn() {
    assertThat(
            LakeLayout.hourFolders(
                Instant.parse("2026-11-21T22:30:00Z"), Instant.parse("2026-11-22T01:00:00Z")))
        .containsExactly(
            "year=2026/month=11/day=21/hour=22",
            "year=2026/month=11/day=21/hour=23",
            "year=2026/month=11/day=22/hour=00");
  }

  @Test
  void takesTheLastMillisecondOfTheRawHourAsArrivalTime() {
    // not 2027-01-01T00:00Z: a bad line of the year's last hour stays in that day's partition
    assertThat(
            RawArchive.arrivalOf(
                "s3a://lake/raw/year=2026/month=12/day=31/hour=23/batch-1-part-00000.c000.txt"))
        .isEqualTo(Instant.parse("2026-12-31T23:59:59.999Z"));
  }

  @Test
  void rangeAndSessionSettingsAreCheckedAtStart() {
    assertThatThrownBy(
            () ->
                ClickpulseConfig.fromArgs(
                    "--sessions.from",
                    "2026-11-21T10:00:00Z",
                    "--sessions.to",
                    "2026-11-21T09:00:00Z"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sessions.to");
    assertThatThrownBy(
            () ->
                ClickpulseConfig.fromArgs(
                    "--sessions.gap", "10min", "--sessions.max-length", "5min"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sessions.max-length");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--sessions.stagger-step", "45s"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("30s");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--sessions.mode", "tumbling"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gap, stagger");
    assertThatThrownBy(() -> SessionsJob.run(null, ClickpulseConfig.fromArgs()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sessions.from");
  }
}
