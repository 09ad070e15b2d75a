package io.clickpulse.dev.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Events of all concurrent requests, sent together: each sender thread takes what is queued (up to
 * 500 entries and 5 MiB, waiting at most {@code linger} for more) into one PutRecords call and
 * re-sends only the entries that failed, with doubling backoff, up to {@code maxAttempts}. Each
 * event's future completes with Kinesis' last answer for it, so a request can report per event.
 */
public final class KinesisBatcher implements AutoCloseable {
  private record Pending(IncomingEvent event, CompletableFuture<PutOutcome> result) {}

  /** Error code of a call that never reached Kinesis (refused connection, timeout). */
  public static final String UNREACHABLE = "KinesisUnreachable";

  private static final int MAX_MESSAGE_CHARS = 300;

  private final StreamPut api;
  private final String stream;
  private final Duration linger;
  private final int maxCallEntries;
  private final int maxAttempts;
  private final Duration backoff;
  private final LinkedBlockingDeque<Pending> queue = new LinkedBlockingDeque<>();
  private final List<Thread> senders = new ArrayList<>();
  private volatile boolean running = true;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong retriedEntries = new AtomicLong();

  public KinesisBatcher(
      StreamPut api,
      String stream,
      int senderThreads,
      Duration linger,
      int maxCallEntries,
      int maxAttempts,
      Duration backoff) {
    this.api = api;
    this.maxCallEntries = maxCallEntries;
    this.stream = stream;
    this.linger = linger;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    for (int i = 0; i < senderThreads; i++) {
      Thread t = new Thread(this::sendLoop, "collector-sender-" + i);
      t.setDaemon(true);
      senders.add(t);
      t.start();
    }
  }

  public CompletableFuture<PutOutcome> submit(IncomingEvent event) {
    CompletableFuture<PutOutcome> f = new CompletableFuture<>();
    if (!running) {
      f.complete(PutOutcome.failed(UNREACHABLE, "the collector is stopping"));
    } else {
      queue.add(new Pending(event, f));
    }
    return f;
  }

  /** PutRecords calls made so far, retries included. */
  public long calls() {
    return calls.get();
  }

  /** Entries sent again after a failed attempt. */
  public long retriedEntries() {
    return retriedEntries.get();
  }

  public String stream() {
    return stream;
  }

  private void sendLoop() {
    while (running) {
      try {
        List<Pending> batch = nextBatch();
        if (!batch.isEmpty()) {
          send(batch);
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private List<Pending> nextBatch() throws InterruptedException {
    List<Pending> batch = new ArrayList<>();
    Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
    if (first == null) {
      return batch;
    }
    batch.add(first);
    long bytes = first.event().recordBytes();
    long deadline = System.nanoTime() + linger.toNanos();
    while (batch.size() < maxCallEntries) {
      long wait = deadline - System.nanoTime();
      Pending next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        break;
      }
      if (bytes + next.event().recordBytes() > IngestLimits.MAX_PUT_RECORDS_BYTES) {
        queue.offerFirst(next); // the next call's first entry
        break;
      }
      batch.add(next);
      bytes += next.event().recordBytes();
    }
    return batch;
  }

  private void send(List<Pending> batch) throws InterruptedException {
    List<Pending> toSend = batch;
    for (int attempt = 1; ; attempt++) {
      List<PutOutcome> outcomes = call(toSend);
      List<Pending> failed = new ArrayList<>();
      List<PutOutcome> failures = new ArrayList<>();
      for (int i = 0; i < toSend.size(); i++) {
        if (outcomes.get(i).ok()) {
          toSend.get(i).result().complete(outcomes.get(i));
        } else {
          failed.add(toSend.get(i));
          failures.add(outcomes.get(i));
        }
      }
      if (failed.isEmpty()) {
        return;
      }
      if (attempt >= maxAttempts || !running) {
        for (int i = 0; i < failed.size(); i++) {
          failed.get(i).result().complete(failures.get(i));
        }
        return;
      }
      retriedEntries.addAndGet(failed.size());
      Thread.sleep(backoff.multipliedBy(1L << Math.min(attempt - 1, 6)).toMillis());
      toSend = failed;
    }
  }

  /** One PutRecords call; a call that fails as a whole fails each of its entries. */
  private List<PutOutcome> call(List<Pending> entries) {
    calls.incrementAndGet();
    List<IncomingEvent> events = entries.stream().map(Pending::event).toList();
    PutOutcome whole;
    try {
      List<PutOutcome> outcomes = api.putRecords(stream, events);
      if (outcomes.size() == entries.size()) {
        return outcomes;
      }
      whole =
          PutOutcome.failed(
              "InternalFailure",
              "PutRecords answered " + outcomes.size() + " results for " + entries.size());
    } catch (AwsServiceException e) {
      whole =
          PutOutcome.failed(
              e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                  ? e.awsErrorDetails().errorCode()
                  : e.getClass().getSimpleName(),
              shorten(e.getMessage()));
    } catch (SdkClientException e) {
      whole = PutOutcome.failed(UNREACHABLE, shorten(e.getMessage()));
    } catch (RuntimeException e) {
      whole = PutOutcome.failed("InternalFailure", shorten(e.toString()));
    }
    List<PutOutcome> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      out.add(whole);
    }
    return out;
  }

  private static String shorten(String s) {
    return s == null || s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS);
  }

  /** Stops the senders; what is still queued fails as unreachable. */
  @Override
  public void close() {
    running = false;
    for (Thread t : senders) {
      t.interrupt();
    }
    for (Thread t : senders) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Pending p; (p = queue.poll()) != null; ) {
      p.result().complete(PutOutcome.failed(UNREACHABLE, "the collector stopped"));
    }
  }
}
