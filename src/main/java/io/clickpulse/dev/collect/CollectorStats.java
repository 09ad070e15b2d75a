package io.clickpulse.dev.collect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts since the collector started: requests, events accepted and failed, refusals by code. */
public final class CollectorStats {
  private final LongAdder requests = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();

  void request() {
    requests.increment();
  }

  void events(List<PutOutcome> outcomes) {
    for (PutOutcome o : outcomes) {
      (o.ok() ? accepted : failed).increment();
    }
  }

  void refused(String code) {
    refused.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
  }

  public long requests() {
    return requests.sum();
  }

  public long accepted() {
    return accepted.sum();
  }

  public long failed() {
    return failed.sum();
  }

  public Map<String, Long> refusedByCode() {
    Map<String, Long> out = new TreeMap<>();
    refused.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public String toString() {
    return String.format(
        "%d requests, %d events accepted, %d failed, refused %s",
        requests(), accepted(), failed(), refusedByCode());
  }
}
