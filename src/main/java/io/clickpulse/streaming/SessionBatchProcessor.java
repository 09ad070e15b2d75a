package io.clickpulse.streaming;

import static io.clickpulse.event.EventColumns.DEVICE_ID;
import static io.clickpulse.event.EventColumns.USER_ID;
import static io.clickpulse.session.SessionColumns.SESSION_START;

import io.clickpulse.alert.AlertRows;
import io.clickpulse.alert.AlertSink;
import io.clickpulse.config.LakeConfig;
import io.clickpulse.metrics.MetricsSink;
import io.clickpulse.session.SessionStore;
import io.clickpulse.session.SessionTables;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeDataset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch of the gap sessions query (closed sessions and late events) → sessions/,
 * session_alerts/, late_events/, the DynamoDB sessions table, then the short-session alerts to the
 * alert sink and the session metrics. Files are named by batch id and items keyed by session, so a
 * replayed batch writes the same things again; what only an earlier attempt wrote is removed.
 */
public final class SessionBatchProcessor
    implements VoidFunction2<Dataset<Row>, Long>, SessionsBatch.Steps<SessionCounts> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SessionBatchProcessor.class);

  /** Where a batch of sessions goes. */
  public record Outputs(
      IdempotentFileSink sessions,
      IdempotentFileSink alerts,
      IdempotentFileSink lateEvents,
      SessionStore store,
      AlertSink alertSink,
      MetricsSink metrics) {

    public static Outputs forLake(
        LakeConfig lake, SessionStore store, AlertSink alertSink, MetricsSink metrics) {
      return new Outputs(
          LakeDataset.SESSIONS.sink(lake),
          LakeDataset.SESSION_ALERTS.sink(lake),
          LakeDataset.LATE_EVENTS.sink(lake),
          store,
          alertSink,
          metrics);
    }
  }

  private final transient Outputs outputs;
  private final Duration alertThreshold;
  private final SessionsBatch steps;
  private final CatalogPartitions catalog;

  public SessionBatchProcessor(Outputs outputs, Duration alertThreshold, BatchAttempts attempts) {
    this(outputs, alertThreshold, attempts, CatalogPartitions.none());
  }

  /** catalog: registers the sessions partitions a batch opens. */
  public SessionBatchProcessor(
      Outputs outputs, Duration alertThreshold, BatchAttempts attempts, CatalogPartitions catalog) {
    this.outputs = outputs;
    this.alertThreshold = alertThreshold;
    this.steps = new SessionsBatch("sessions", attempts);
    this.catalog = catalog;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    try (CachedBatch cached = CachedBatch.of(batch, batchId)) {
      steps
          .run(cached, this, outputs.metrics())
          .ifPresent(
              c ->
                  LOG.info(
                      "sessions batch {}: {} sessions closed, {} short-session alerts, {} late events, {} ms {}",
                      batchId,
                      c.sessions(),
                      c.alerts(),
                      c.late(),
                      cached.millis(),
                      cached.timer()));
    }
  }

  @Override
  public SessionCounts count(Dataset<Row> batch) {
    return SessionCounts.of(batch, alertThreshold);
  }

  @Override
  public BatchFiles files(SessionCounts counts) {
    return BatchFiles.none()
        .with(LakeDataset.SESSIONS, outputs.sessions(), counts.sessionHours())
        .with(LakeDataset.SESSION_ALERTS, outputs.alerts(), counts.sessionHours())
        .with(LakeDataset.LATE_EVENTS, outputs.lateEvents(), counts.eventHours());
  }

  @Override
  public void removeEarlierItems(BatchAttempt attempt, CachedBatch cached, SessionCounts counts) {
    List<SessionStore.Key> keys =
        counts.sessions() == 0
            ? List.of()
            : SessionTables.sessions(cached.rows())
                .select(USER_ID, DEVICE_ID, SESSION_START)
                .collectAsList()
                .stream()
                .map(
                    r ->
                        SessionStore.Key.gap(
                            r.getString(0), r.getString(1), r.getTimestamp(2).toInstant()))
                .toList();
    SessionItems.replaceEarlier(attempt, outputs.store(), keys);
  }

  @Override
  public Map<String, Double> write(CachedBatch cached, SessionCounts counts) {
    Dataset<Row> batch = cached.rows();
    long batchId = cached.id();
    Dataset<Row> table = SessionTables.sessions(batch);
    Dataset<Row> alerts = SessionTables.alerts(table, alertThreshold);
    try (ConcurrentOutputs concurrent = new ConcurrentOutputs(cached.timer())) {
      if (counts.sessions() > 0) {
        concurrent.start(
            "sessions",
            () -> outputs.sessions().write(LakeDataset.SESSIONS.partitioned(table), batchId));
        concurrent.start("dynamodb", () -> outputs.store().put(table.collectAsList()));
      }
      if (counts.alerts() > 0) {
        concurrent.start(
            "alerts",
            () -> outputs.alerts().write(LakeDataset.SESSION_ALERTS.partitioned(alerts), batchId));
      }
      if (counts.late() > 0) {
        concurrent.start(
            "late_events",
            () ->
                outputs
                    .lateEvents()
                    .write(
                        LakeDataset.LATE_EVENTS.partitioned(SessionTables.lateEvents(batch)),
                        batchId));
      }
      concurrent.awaitAll();
    }
    if (counts.sessions() > 0) {
      catalog.register(
          batch.sparkSession(),
          BatchFiles.none().with(LakeDataset.SESSIONS, outputs.sessions(), counts.sessionHours()));
    }
    // after the files: a receiver that looks finds the alert's session written
    return AlertRows.deliver(
        outputs.alertSink(), counts.alerts() > 0 ? AlertRows.gap(alerts) : List.of(), batchId);
  }
}
