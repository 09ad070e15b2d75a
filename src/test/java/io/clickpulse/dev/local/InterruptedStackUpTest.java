package io.clickpulse.dev.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C (SIGINT) while {@code clickpulse stack up} is starting the emulators leaves none running.
 */
class InterruptedStackUpTest {
  @Test
  void sigintDuringStartStopsWhatWasStarted() throws Exception {
    Path stateDir = TestStack.PROJECT_DIR.resolve("target/test-stack/sigint-" + System.nanoTime());
    Process cli =
        new ProcessBuilder(
                Emulators.javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dclickpulse.projectDir=" + TestStack.PROJECT_DIR,
                "io.clickpulse.dev.cli.Main",
                "stack",
                "up",
                "--stack.dir",
                stateDir.toString(),
                "--stack.s3-backend",
                "transient")
            .redirectErrorStream(true)
            .redirectOutput(stateDir.resolveSibling(stateDir.getFileName() + ".log").toFile())
            .start();
    Path state = stateDir.resolve(LocalStack.STATE_FILE);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(state) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(state).exists();
    List<ManagedProcess> started = LocalStack.read(stateDir).orElseThrow().processes();
    assertThat(started).hasSize(3);
    new ProcessBuilder("kill", "-INT", String.valueOf(cli.pid())).start().waitFor();
    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).isNotZero();
    assertThat(started).noneMatch(ManagedProcess::alive);
    assertThat(state).doesNotExist();
  }
}
