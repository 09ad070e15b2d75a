package io.clickpulse.dev.bench;

import io.clickpulse.dev.local.ManagedProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CPU time the stack's own processes (the emulators) have used so far. On this machine they
 * share the 2 cores with Spark, so a freshness figure means little without what they took
 * meanwhile: a slow batch may be waiting for a core the emulators hold.
 */
public record StackCpu(long nanos, Map<String, Duration> byProcess) {

  public static StackCpu now(List<ManagedProcess> processes) {
    Map<String, Duration> cpu = new LinkedHashMap<>();
    for (ManagedProcess p : processes) {
      // a process that ended (or whose CPU time the OS withholds) counts as none
      cpu.put(p.name(), p.handle().flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO));
    }
    return new StackCpu(System.nanoTime(), cpu);
  }

  /** Cores each process used on average between {@code earlier} and this sample. */
  public Map<String, Double> coresSince(StackCpu earlier) {
    double seconds = (nanos - earlier.nanos) / 1e9;
    Map<String, Double> cores = new LinkedHashMap<>();
    byProcess.forEach(
        (name, now) -> {
          Duration before = earlier.byProcess.getOrDefault(name, Duration.ZERO);
          cores.put(name, seconds > 0 ? (now.toNanos() - before.toNanos()) / 1e9 / seconds : 0);
        });
    return cores;
  }

  /** "kinesis 0.31, dynamodb 0.10, s3 0.22 cores (0.63 together)". */
  public static String describe(Map<String, Double> cores) {
    return cores.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "))
        + String.format(Locale.ROOT, " cores (%.2f together)", total(cores));
  }

  public static double total(Map<String, Double> cores) {
    return cores.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
