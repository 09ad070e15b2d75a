package io.clickpulse.streaming;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/** Waiting on a running query by its progress reports, not by sleeping a guessed time. */
public final class QueryProgress {
  private QueryProgress() {}

  /**
   * Returns once the query has read {@code records} input rows and no batch is running, counted
   * from the reports Spark keeps (its last 100, spark.sql.streaming.numRecentProgressUpdates): for
   * runs of fewer batches; a longer one counts with {@link InputRows}.
   */
  public static void awaitInputRows(StreamingQuery query, long records, Duration timeout)
      throws StreamingQueryException, TimeoutException, InterruptedException {
    await(query, () -> recentInputRows(query), records, timeout);
  }

  /** The same, counted by {@code counted} from every report of the query. */
  public static void awaitInputRows(
      StreamingQuery query, InputRows counted, long records, Duration timeout)
      throws StreamingQueryException, TimeoutException, InterruptedException {
    await(query, () -> counted.of(query), records, timeout);
  }

  private static long recentInputRows(StreamingQuery query) {
    long seen = 0;
    for (StreamingQueryProgress p : query.recentProgress()) {
      seen += p.numInputRows();
    }
    return seen;
  }

  private static void await(StreamingQuery query, LongSupplier seen, long records, Duration timeout)
      throws StreamingQueryException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (query.exception().isDefined()) {
        throw query.exception().get();
      }
      if (seen.getAsLong() >= records && !query.status().isTriggerActive()) {
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
            + " (read "
            + seen.getAsLong()
            + "); last progress: "
            + query.lastProgress());
  }

  /**
   * The input rows of every progress report of the session's queries, from when it was registered:
   * Spark keeps only a query's last 100 reports, fewer than a run of minutes at a 1 s trigger has.
   */
  public static final class InputRows extends StreamingQueryListener implements AutoCloseable {
    private final SparkSession spark;
    private final Map<UUID, Long> rows = new ConcurrentHashMap<>();

    private InputRows(SparkSession spark) {
      this.spark = spark;
    }

    /** Counts from now on, until closed; register before starting the queries. */
    public static InputRows register(SparkSession spark) {
      InputRows counter = new InputRows(spark);
      spark.streams().addListener(counter);
      return counter;
    }

    public long of(StreamingQuery query) {
      return rows.getOrDefault(query.id(), 0L);
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      rows.merge(event.progress().id(), event.progress().numInputRows(), Long::sum);
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}

    @Override
    public void close() {
      spark.streams().removeListener(this);
    }
  }
}
