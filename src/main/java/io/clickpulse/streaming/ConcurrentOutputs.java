package io.clickpulse.streaming;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a batch's independent outputs on threads of their own, so their object-store round trips
 * overlap (threads started here inherit the query's Spark local properties). The first failure
 * fails the batch, which is then replayed; every output is idempotent under that replay.
 */
final class ConcurrentOutputs {
  private ConcurrentOutputs() {}

  static Map<String, Object> run(Map<String, Callable<Object>> tasks, StepTimer timer) {
    if (tasks.isEmpty()) {
      return Map.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), r -> {
      Thread t = new Thread(r, "clickpulse-batch-output");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<String, Future<Object>> futures = new LinkedHashMap<>();
      tasks.forEach((name, task) -> futures.put(name, pool.submit(() -> {
        long start = System.nanoTime();
        Object result = task.call();
        timer.record(name, (System.nanoTime() - start) / 1_000_000);
        return result;
      })));
      Map<String, Object> results = new LinkedHashMap<>();
      for (Map.Entry<String, Future<Object>> f : futures.entrySet()) {
        try {
          results.put(f.getKey(), f.getValue().get());
        } catch (ExecutionException e) {
          futures.values().forEach(other -> other.cancel(true));
          Throwable cause = e.getCause();
          throw cause instanceof RuntimeException re ? re : new IllegalStateException("output " + f.getKey() + " failed", cause);
        }
      }
      timer.lap("outputs (concurrent)");
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a batch", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
