package io.clickpulse.dev.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The process's CPU time so far, and the CPU time of its JIT compiler, GC and Spark task threads
 * (Linux {@code /proc/self/task/<tid>/stat}, clock ticks of 10 ms). Threads are told apart by the
 * names the JVM and Spark give them. A thread that ends between two samples takes its time with it,
 * so the shares are lower bounds (HotSpot starts and stops compiler threads as it needs them).
 */
public record CpuSample(
    long nanos, long processTicks, Map<Long, Long> jit, Map<Long, Long> gc, Map<Long, Long> tasks) {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final double TICK_MS = 10.0;

  public static CpuSample now() {
    Map<Long, Long> jit = new HashMap<>();
    Map<Long, Long> gc = new HashMap<>();
    Map<Long, Long> tasks = new HashMap<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(TASKS)) {
      for (Path t : dir) {
        try {
          String name = Files.readString(t.resolve("comm")).trim();
          long ticks = ticks(Files.readString(t.resolve("stat")));
          long tid = Long.parseLong(t.getFileName().toString());
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            jit.put(tid, ticks);
          } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            gc.put(tid, ticks);
          } else if (name.startsWith("Executor task")) {
            tasks.put(tid, ticks);
          }
        } catch (IOException | RuntimeException ended) {
          // the thread ended while being read
        }
      }
      long process = ticks(Files.readString(Path.of("/proc/self/stat")));
      return new CpuSample(System.nanoTime(), process, jit, gc, tasks);
    } catch (IOException e) {
      return new CpuSample(System.nanoTime(), -1, Map.of(), Map.of(), Map.of());
    }
  }

  /** utime + stime of a stat line (fields 14 and 15, after the parenthesised name). */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** What happened between {@code earlier} and this sample. */
  public Interval since(CpuSample earlier) {
    double cpuMs = (processTicks - earlier.processTicks) * TICK_MS;
    return new Interval(
        (nanos - earlier.nanos) / 1e9,
        processTicks < 0 ? Double.NaN : cpuMs,
        delta(jit, earlier.jit) * TICK_MS,
        delta(gc, earlier.gc) * TICK_MS,
        delta(tasks, earlier.tasks) * TICK_MS);
  }

  private static long delta(Map<Long, Long> now, Map<Long, Long> before) {
    long sum = 0;
    for (var e : now.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  /** Wall seconds and CPU milliseconds of an interval: the whole process and its thread kinds. */
  public record Interval(double seconds, double cpuMs, double jitMs, double gcMs, double taskMs) {
    public double share(double ms) {
      return cpuMs > 0 ? ms / cpuMs : Double.NaN;
    }

    /** Cores used on average over the interval. */
    public double cores() {
      return cpuMs / 1000 / seconds;
    }
  }
}
