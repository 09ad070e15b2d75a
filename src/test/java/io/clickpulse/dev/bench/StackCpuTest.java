package io.clickpulse.dev.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.dev.local.ManagedProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackCpuTest {

  @Test
  void countsTheCpuOfEachProcessBetweenTwoSamples(@TempDir Path dir) throws Exception {
    ManagedProcess busy =
        ManagedProcess.start(
            "busy",
            List.of("sh", "-c", "while :; do :; done"),
            Map.of(),
            dir,
            dir.resolve("b.log"));
    ManagedProcess idle =
        ManagedProcess.start("idle", List.of("sleep", "30"), Map.of(), dir, dir.resolve("i.log"));
    try {
      StackCpu before = StackCpu.now(List.of(busy, idle));
      Thread.sleep(1500);
      Map<String, Double> cores = StackCpu.now(List.of(busy, idle)).coresSince(before);

      assertThat(cores).containsOnlyKeys("busy", "idle");
      // a spinning shell takes most of a core (the test JVM may hold the other one)
      assertThat(cores.get("busy")).isBetween(0.3, 1.05);
      assertThat(cores.get("idle")).isLessThan(0.05);
      assertThat(StackCpu.describe(cores)).startsWith("busy 0.").contains("idle 0.0");
    } finally {
      busy.handle().ifPresent(ProcessHandle::destroyForcibly);
      idle.handle().ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aProcessThatEndedCountsAsNone(@TempDir Path dir) throws Exception {
    ManagedProcess gone =
        ManagedProcess.start("gone", List.of("true"), Map.of(), dir, dir.resolve("g.log"));
    gone.handle().ifPresent(h -> h.onExit().join());
    StackCpu before = StackCpu.now(List.of(gone));

    assertThat(StackCpu.now(List.of(gone)).coresSince(before)).containsEntry("gone", 0.0);
  }
}
