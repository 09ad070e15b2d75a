package io.clickpulse.dev.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobCatalogTest {
  @Test
  void sessionsJobTakesFromAndToAsShortNames() {
    assertThat(
            JobCatalog.expandShortNames(
                "sessions",
                List.of(
                    "--from",
                    "2026-11-21T00:00:00Z",
                    "--to=2026-11-21T06:00:00Z",
                    "--sessions.gap",
                    "10min")))
        .containsExactly(
            "--sessions.from",
            "2026-11-21T00:00:00Z",
            "--sessions.to=2026-11-21T06:00:00Z",
            "--sessions.gap",
            "10min");
    assertThat(JobCatalog.expandShortNames("streaming", List.of("--from", "x")))
        .containsExactly("--from", "x");
    assertThat(JobCatalog.mainClass("sessions")).isEqualTo("io.clickpulse.batch.SessionsJob");
    assertThatThrownBy(() -> JobCatalog.mainClass("nope"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sessions, streaming");
  }
}
