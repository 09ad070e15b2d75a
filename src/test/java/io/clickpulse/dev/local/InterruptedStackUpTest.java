package io.clickpulse.dev.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
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
    // a JVM started in the background by a non-interactive shell ignores SIGINT, and so does
    // every child: Ctrl-C cannot reach the CLI there, whatever the CLI does
    assumeFalse(
        sigintIgnored(),
        "SIGINT is ignored in this JVM (started as a background job of a non-interactive shell)");
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

  /** Whether signal 2 (SIGINT, 0x2) is in the ignored-signals mask of /proc/self/status. */
  private static boolean sigintIgnored() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0;
      }
    }
    return false;
  }
}
