package io.clickpulse.streaming;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/** Waiting on a running query by its progress reports, not by sleeping a guessed time. */
public final class QueryProgress {
  private QueryProgress() {}

  /** Returns once the query has read {@code records} input rows and no batch is running. */
  public static void awaitInputRows(StreamingQuery query, long records, Duration timeout)
      throws StreamingQueryException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (query.exception().isDefined()) {
        throw query.exception().get();
      }
      long seen = 0;
      for (StreamingQueryProgress p : query.recentProgress()) {
        seen += p.numInputRows();
      }
      if (seen >= records && !query.status().isTriggerActive()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new TimeoutException(
        "query "
            + query.name()
            + " did not read "
            + records
            + " records within "
            + timeout
            + "; last progress: "
            + query.lastProgress());
  }
}
