package io.clickpulse.dev.generate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Batches records into PutRecords calls within the API's limits (500 entries, 5 MiB per call, 1 MiB
 * per record) and re-sends only the entries a partial failure names, with backoff, so accepted
 * entries are never sent twice.
 */
public final class KinesisPublisher {
  public static final int MAX_ENTRIES = 500;
  public static final int MAX_CALL_BYTES = 5 * 1024 * 1024;
  public static final int MAX_RECORD_BYTES = 1024 * 1024;

  private final PutRecordsApi api;
  private final String stream;
  private final SendReport report;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final List<OutgoingRecord> pending = new ArrayList<>();
  private int pendingBytes;

  public KinesisPublisher(
      PutRecordsApi api, String stream, SendReport report, int maxAttempts, Duration baseBackoff) {
    this.api = api;
    this.stream = stream;
    this.report = report;
    this.maxAttempts = maxAttempts;
    this.baseBackoff = baseBackoff;
  }

  public void add(OutgoingRecord record) {
    if (record.sizeBytes() > MAX_RECORD_BYTES) {
      throw new IllegalArgumentException(
          "record of " + record.sizeBytes() + " bytes exceeds Kinesis' 1 MiB limit");
    }
    if (pending.size() == MAX_ENTRIES || pendingBytes + record.sizeBytes() > MAX_CALL_BYTES) {
      flush();
    }
    pending.add(record);
    pendingBytes += record.sizeBytes();
  }

  public int pendingCount() {
    return pending.size();
  }

  /** Sends what is pending; returns when every entry was accepted, or throws after maxAttempts. */
  public void flush() {
    List<OutgoingRecord> toSend = new ArrayList<>(pending);
    pending.clear();
    pendingBytes = 0;
    for (int attempt = 1; !toSend.isEmpty(); attempt++) {
      report.call();
      List<Optional<String>> results = api.putRecords(stream, toSend);
      if (results.size() != toSend.size()) {
        throw new IllegalStateException(
            "PutRecords answered " + results.size() + " results for " + toSend.size() + " entries");
      }
      List<OutgoingRecord> failed = new ArrayList<>();
      String lastError = null;
      for (int i = 0; i < toSend.size(); i++) {
        if (results.get(i).isEmpty()) {
          report.accepted(toSend.get(i));
        } else {
          failed.add(toSend.get(i));
          lastError = results.get(i).get();
        }
      }
      if (failed.isEmpty()) {
        return;
      }
      if (attempt >= maxAttempts) {
        throw new IllegalStateException(
            failed.size()
                + " records still rejected after "
                + attempt
                + " PutRecords attempts on stream '"
                + stream
                + "', last error: "
                + lastError);
      }
      report.retried(failed.size());
      sleep(baseBackoff.multipliedBy(1L << Math.min(attempt - 1, 6)));
      toSend = failed;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }
}
