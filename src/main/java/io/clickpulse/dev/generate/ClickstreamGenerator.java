package io.clickpulse.dev.generate;

import io.clickpulse.dev.seed.Product;
import io.clickpulse.dev.seed.SeedData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends simulated traffic of the configured producers at a steady rate: simulation → fault
 * injection → batched PutRecords. Prints a progress line every few seconds and returns what was
 * sent.
 */
public final class ClickstreamGenerator {
  /** Event-time rate simulated when sending as fast as possible (generate.rate=0). */
  static final int UNPACED_EVENT_RATE = 1000;

  private static final Duration MAX_BATCH_DELAY = Duration.ofMillis(200);
  private static final Duration PACED_BATCH_DELAY = Duration.ofMillis(50);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  private final GeneratorConfig config;
  private final List<Product> catalog;
  private final int users;
  private final PutRecordsApi api;
  private final String stream;
  private final Clock clock;
  private final Consumer<String> progress;

  public ClickstreamGenerator(
      GeneratorConfig config,
      List<Product> catalog,
      int users,
      PutRecordsApi api,
      String stream,
      Clock clock,
      Consumer<String> progress) {
    this.config = config;
    this.catalog = catalog;
    this.users = users;
    this.api = api;
    this.stream = stream;
    this.clock = clock;
    this.progress = progress;
  }

  public SendReport run() {
    Instant start = config.startTime().orElse(clock.instant());
    // without a rate, event time still has to advance like a busy shop's, not one event a second
    ProducerMix simulation =
        new ProducerMix(
            config.producerShares(),
            config.seed(),
            catalog,
            users,
            start,
            config.rate() > 0 ? config.rate() : UNPACED_EVENT_RATE,
            config.thinkTime());
    long unknownProductId =
        catalog.stream().mapToLong(Product::productId).max().orElse(SeedData.FIRST_PRODUCT_ID)
            + 1000;
    FaultInjector faults =
        new FaultInjector(
            config.seed(),
            config.malformedShare(),
            config.duplicateShare(),
            config.lateShare(),
            config.unknownProductShare(),
            config.lateBy(),
            unknownProductId);
    SendReport report = new SendReport();
    KinesisPublisher publisher =
        new KinesisPublisher(api, stream, report, 8, Duration.ofMillis(100));

    int planned = config.plannedEvents();
    long t0 = System.nanoTime();
    long lastFlush = t0;
    long lastProgress = t0;
    progress.accept(
        String.format(
            "generator: sending %d events (%s) to stream '%s'%s",
            planned,
            shares(config),
            stream,
            config.rate() > 0 ? " at " + config.rate() + " events/s" : " as fast as possible"));
    for (int i = 0; i < planned; i++) {
      if (config.rate() > 0) {
        long due = t0 + (long) (i * 1e9 / config.rate());
        // records wait at most PACED_BATCH_DELAY: fresh enough for the freshness figures, and one
        // PutRecords call carries many of them (a call per record held the generator near 100
        // records/s, the latency of one call)
        for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
          if (publisher.pendingCount() == 0) {
            sleepNanos(due - now);
          } else if (now - lastFlush >= PACED_BATCH_DELAY.toNanos()) {
            publisher.flush();
            lastFlush = System.nanoTime();
          } else {
            sleepNanos(Math.min(due, lastFlush + PACED_BATCH_DELAY.toNanos()) - now);
          }
        }
      }
      for (OutgoingRecord r : faults.apply(simulation.next())) {
        publisher.add(r);
      }
      long now = System.nanoTime();
      if (now - lastFlush >= MAX_BATCH_DELAY.toNanos()) {
        publisher.flush();
        lastFlush = now;
      }
      if (now - lastProgress >= PROGRESS_EVERY.toNanos()) {
        lastProgress = now;
        progress.accept(progressLine(report, i + 1, planned, t0));
      }
    }
    publisher.flush();
    progress.accept(progressLine(report, planned, planned, t0));
    return report;
  }

  /** The producers and their shares, e.g. "pixel 60 %, app 25 %, ui 15 %". */
  static String shares(GeneratorConfig config) {
    StringBuilder out = new StringBuilder();
    config
        .producerShares()
        .forEach(
            (p, share) ->
                out.append(out.isEmpty() ? "" : ", ")
                    .append(ProducerMix.shape(p))
                    .append(' ')
                    .append(Math.round(share * 100))
                    .append(" %"));
    return out.toString();
  }

  private static String progressLine(SendReport report, int events, int planned, long t0) {
    double secs = Math.max(1e-3, (System.nanoTime() - t0) / 1e9);
    return String.format(
        "generator: %d/%d events, %d records accepted (%.0f/s), %d entries retried",
        events, planned, report.records(), report.records() / secs, report.retriedEntries());
  }

  private static void sleepNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("generator interrupted", e);
    }
  }
}
