package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.config.ClickpulseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity file of a checkpoint folder: recorded on first start, checked on every later one.
 */
class CheckpointIdentityTest {
  private final Configuration hadoop = new Configuration();

  @Test
  void recordsOnFirstStartAndAcceptsTheSameQueryLater(@TempDir Path dir) throws Exception {
    ClickpulseConfig c = ClickpulseConfig.fromArgs("--kinesis.stream", "clicks-a");
    String checkpoint = dir.resolve("streaming").toUri().toString();
    assertThat(
            CheckpointIdentity.main(c)
                .claim(checkpoint, "streaming.checkpoint", "argument", hadoop))
        .isTrue();
    assertThat(Files.readString(dir.resolve("streaming").resolve(CheckpointIdentity.FILE)))
        .contains("query=main")
        .contains("stream=clicks-a")
        .contains("connector=qubole");
    assertThat(
            CheckpointIdentity.main(c)
                .claim(checkpoint, "streaming.checkpoint", "argument", hadoop))
        .isFalse();
  }

  @Test
  void aCheckpointOfSparkWithoutIdentityIsAdopted(@TempDir Path dir) throws Exception {
    Path cp = dir.resolve("old");
    Files.createDirectories(cp.resolve("offsets"));
    Files.writeString(cp.resolve("metadata"), "{\"id\":\"x\"}");
    ClickpulseConfig c = ClickpulseConfig.fromArgs();
    assertThat(
            CheckpointIdentity.sessions(c)
                .claim(cp.toString(), "sessions.checkpoint", "default", hadoop))
        .isTrue();
    assertThat(Files.readString(cp.resolve(CheckpointIdentity.FILE)))
        .contains("query=sessions-gap");
  }

  @Test
  void refusesAnotherQueryNamingTheKeyAndBothIdentities(@TempDir Path dir) {
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs(
            "--streaming.checkpoint",
            dir.resolve("shared").toString(),
            "--sessions.checkpoint",
            dir.resolve("shared").toString());
    CheckpointIdentity.main(c)
        .claim(
            c.streaming().checkpoint(),
            "streaming.checkpoint",
            c.settings().source("streaming.checkpoint"),
            hadoop);
    assertThatThrownBy(
            () ->
                CheckpointIdentity.sessions(c)
                    .claim(
                        c.sessions().checkpoint(),
                        "sessions.checkpoint",
                        c.settings().source("sessions.checkpoint"),
                        hadoop))
        .isInstanceOf(StartupChecks.Failed.class)
        .hasMessageContaining("config key sessions.checkpoint, from argument --sessions.checkpoint")
        .hasMessageContaining("belongs to query=main stream=clickstream connector=qubole")
        .hasMessageContaining("this run is query=sessions-gap stream=clickstream connector=qubole");
  }

  @Test
  void refusesAnotherStreamConnectorOrSessionsMode(@TempDir Path dir) {
    String cp = dir.resolve("cp").toString();
    CheckpointIdentity.main(ClickpulseConfig.fromArgs("--kinesis.stream", "clicks-a"))
        .claim(cp, "streaming.checkpoint", "x", hadoop);
    assertThatThrownBy(
            () ->
                CheckpointIdentity.main(ClickpulseConfig.fromArgs("--kinesis.stream", "clicks-b"))
                    .claim(cp, "streaming.checkpoint", "argument --streaming.checkpoint", hadoop))
        .hasMessageContaining("streaming.checkpoint")
        .hasMessageContaining("stream=clicks-a")
        .hasMessageContaining("stream=clicks-b");
    assertThatThrownBy(
            () ->
                CheckpointIdentity.main(
                        ClickpulseConfig.fromArgs(
                            "--kinesis.stream", "clicks-a", "--kinesis.connector", "awslabs"))
                    .claim(cp, "streaming.checkpoint", "x", hadoop))
        .hasMessageContaining("connector=qubole")
        .hasMessageContaining("connector=awslabs");

    String sessions = dir.resolve("sessions").toString();
    CheckpointIdentity.sessions(ClickpulseConfig.fromArgs())
        .claim(sessions, "sessions.checkpoint", "x", hadoop);
    assertThatThrownBy(
            () ->
                CheckpointIdentity.sessions(ClickpulseConfig.fromArgs("--sessions.mode", "stagger"))
                    .claim(sessions, "sessions.checkpoint", "x", hadoop))
        .hasMessageContaining("sessions.checkpoint")
        .hasMessageContaining("query=sessions-gap")
        .hasMessageContaining("query=sessions-stagger");
  }

  @Test
  void anUnreadableIdentityFileFailsNamingTheKey(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(CheckpointIdentity.FILE), "garbage\n");
    assertThatThrownBy(
            () ->
                CheckpointIdentity.main(ClickpulseConfig.fromArgs())
                    .claim(dir.toString(), "streaming.checkpoint", "x", hadoop))
        .isInstanceOf(StartupChecks.Failed.class)
        .hasMessageContaining("streaming.checkpoint")
        .hasMessageContaining("not a clickpulse checkpoint identity");
  }

  @Test
  void defaultCheckpointsOfTheTwoQueriesDiffer() {
    ClickpulseConfig c = ClickpulseConfig.fromArgs();
    assertThat(c.streaming().checkpoint()).isNotEqualTo(c.sessions().checkpoint());
  }
}
