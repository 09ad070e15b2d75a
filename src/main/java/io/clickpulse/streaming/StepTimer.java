package io.clickpulse.streaming;

import java.util.LinkedHashMap;
import java.util.Map;

/** Milliseconds per step of a batch, for its log line. */
final class StepTimer {
  private final Map<String, Long> steps = new LinkedHashMap<>();
  private long last = System.nanoTime();

  synchronized void lap(String step) {
    long now = System.nanoTime();
    steps.put(step, (now - last) / 1_000_000);
    last = now;
  }

  synchronized void record(String step, long millis) {
    steps.put(step, millis);
  }

  @Override
  public synchronized String toString() {
    return steps.toString();
  }
}
