package io.clickpulse.streaming;

import io.clickpulse.aws.Interrupted;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a batch's independent outputs on threads of their own, so their object-store round trips
 * overlap (threads started here inherit the query's Spark local properties). Each output starts
 * when it is added, in order: Spark's FIFO scheduler gives the earliest job the cores first. The
 * first failure fails the batch, which is then replayed; every output is idempotent under that
 * replay.
 */
final class ConcurrentOutputs implements AutoCloseable {
  private final StepTimer timer;
  private final Map<String, Future<?>> started = new LinkedHashMap<>();
  private ExecutorService pool;

  ConcurrentOutputs(StepTimer timer) {
    this.timer = timer;
  }

  /** An output started by {@link #start}: its value once {@link #awaitAll} has returned. */
  static final class Started<T> {
    private final Future<T> future;

    private Started(Future<T> future) {
      this.future = future;
    }

    T value() {
      if (!future.isDone()) {
        throw new IllegalStateException("output read before awaitAll");
      }
      try {
        return future.get();
      } catch (InterruptedException | ExecutionException e) {
        throw new IllegalStateException("output read after it failed", e);
      }
    }
  }

  <T> Started<T> start(String name, Callable<T> output) {
    if (pool == null) {
      pool =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "clickpulse-batch-output");
                t.setDaemon(true);
                return t;
              });
    }
    Future<T> future =
        pool.submit(
            () -> {
              long start = System.nanoTime();
              T result = output.call();
              timer.record(name, (System.nanoTime() - start) / 1_000_000);
              return result;
            });
    started.put(name, future);
    return new Started<>(future);
  }

  /** Waits for every started output; the first failure cancels the others and fails the batch. */
  void awaitAll() {
    if (started.isEmpty()) {
      return;
    }
    try {
      for (Map.Entry<String, Future<?>> f : started.entrySet()) {
        try {
          f.getValue().get();
        } catch (ExecutionException e) {
          started.values().forEach(other -> other.cancel(true));
          Throwable cause = e.getCause();
          throw cause instanceof RuntimeException re
              ? re
              : new IllegalStateException("output " + f.getKey() + " failed", cause);
        }
      }
      timer.lap("outputs (concurrent)");
    } catch (InterruptedException e) {
      // the query is stopping: its outputs stop with it
      started.values().forEach(other -> other.cancel(true));
      throw Interrupted.whileWriting("a batch", e);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
