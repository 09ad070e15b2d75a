package io.clickpulse.dev.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One measured pass: events through a query and what it cost in time and CPU. */
public record PassFigures(String what, int pass, long events, CpuSample.Interval interval) {

  public double eventsPerSecond() {
    return events / interval.seconds();
  }

  /** Process CPU time per event, all threads (tasks, JIT, GC, driver). */
  public double cpuMicrosPerEvent() {
    return interval.cpuMs() * 1000 / events;
  }

  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s pass %d: %,d events in %.1f s, %,.0f events/s, %.0f CPU-µs/event"
            + " (tasks %.0f %%, JIT %.0f %%, GC %.0f %% of the CPU)",
        what,
        pass,
        events,
        interval.seconds(),
        eventsPerSecond(),
        cpuMicrosPerEvent(),
        100 * interval.share(interval.taskMs()),
        100 * interval.share(interval.jitMs()),
        100 * interval.share(interval.gcMs()));
  }

  /**
   * The settled figure of repeated passes: the median of all but the first (which pays for class
   * loading, code generation and most of the JIT).
   */
  public static PassFigures settled(List<PassFigures> passes) {
    List<PassFigures> later =
        new ArrayList<>(passes.subList(passes.size() > 1 ? 1 : 0, passes.size()));
    later.sort((a, b) -> Double.compare(a.eventsPerSecond(), b.eventsPerSecond()));
    return later.get(later.size() / 2);
  }
}
