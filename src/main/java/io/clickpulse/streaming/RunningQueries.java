package io.clickpulse.streaming;

import io.clickpulse.config.StreamingConfig;
import io.clickpulse.runtime.GracefulStop;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The streaming job's running queries: waited for together, stopped together. */
public final class RunningQueries {
  private static final Logger LOG = LoggerFactory.getLogger(RunningQueries.class);

  private RunningQueries() {}

  /**
   * Waits for the queries; the first to fail stops the others and fails the job. With a run-for
   * limit, stops them once the limit passed and each is idle (no batch running, no data waiting),
   * so a demo or benchmark ends between batches.
   */
  public static void awaitAll(List<StreamingQuery> queries, StreamingConfig s)
      throws StreamingQueryException, TimeoutException {
    long limit = s.runFor().isZero() ? Long.MAX_VALUE : System.nanoTime() + s.runFor().toNanos();
    while (System.nanoTime() < limit && queries.stream().allMatch(StreamingQuery::isActive)) {
      queries.get(0).awaitTermination(500);
    }
    GracefulStop
        .awaitIfStopping(); // on SIGTERM the hook stops the queries, each after its running batch
    if (queries.stream().allMatch(StreamingQuery::isActive)) {
      // the run-for limit, not a failure: let each query finish the batch it is on
      long deadline = System.nanoTime() + 120_000_000_000L;
      for (StreamingQuery query : queries) {
        while (query.isActive() && System.nanoTime() < deadline) {
          var status = query.status();
          if (!status.isTriggerActive() && !status.isDataAvailable()) {
            break;
          }
          query.awaitTermination(500);
        }
      }
      LOG.info(
          "run-for {} reached: stopping queries {}",
          s.runFor(),
          queries.stream().map(StreamingQuery::name).toList());
    }
    for (StreamingQuery query : queries) {
      stopQuietly(query);
    }
    for (StreamingQuery query : queries) {
      if (query.exception().isDefined()) {
        throw query.exception().get();
      }
    }
  }

  private static void stopQuietly(StreamingQuery query) {
    try {
      if (query.isActive()) {
        query.stop();
      }
    } catch (TimeoutException | RuntimeException e) {
      LOG.warn("stopping the query at shutdown: {}", e.toString());
    }
  }
}
