package io.clickpulse.streaming;

import static io.clickpulse.event.EventColumns.DEVICE_ID;
import static io.clickpulse.event.EventColumns.USER_ID;

import io.clickpulse.alert.AlertRows;
import io.clickpulse.alert.AlertSink;
import io.clickpulse.config.LakeConfig;
import io.clickpulse.metrics.MetricsSink;
import io.clickpulse.session.SessionStore;
import io.clickpulse.session.StaggerSessions;
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
 * One micro-batch of stagger-mode sessions (the KDA SQL's rows) → stagger_sessions/,
 * stagger_session_alerts/ and the DynamoDB sessions table (one item per window, {@link
 * SessionStore#putStagger}), then the short-window alerts to the alert sink and the session
 * metrics. As in gap mode, a replay replaces an earlier attempt's files and deletes the items only
 * that attempt wrote.
 */
public final class StaggerBatchProcessor
    implements VoidFunction2<Dataset<Row>, Long>, SessionsBatch.Steps<StaggerCounts> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(StaggerBatchProcessor.class);

  /** Where a batch of stagger rows goes. */
  public record Outputs(
      IdempotentFileSink sessions,
      IdempotentFileSink alerts,
      SessionStore store,
      AlertSink alertSink,
      MetricsSink metrics) {

    public static Outputs forLake(
        LakeConfig lake, SessionStore store, AlertSink alertSink, MetricsSink metrics) {
      return new Outputs(
          LakeDataset.STAGGER_SESSIONS.sink(lake),
          LakeDataset.STAGGER_SESSION_ALERTS.sink(lake),
          store,
          alertSink,
          metrics);
    }
  }

  private final transient Outputs outputs;
  private final Duration step;
  private final Duration alertThreshold;
  private final SessionsBatch steps;
  private final CatalogPartitions catalog;

  public StaggerBatchProcessor(
      Outputs outputs, Duration step, Duration alertThreshold, BatchAttempts attempts) {
    this(outputs, step, alertThreshold, attempts, CatalogPartitions.none());
  }

  /** catalog: registers the stagger_sessions partitions a batch opens. */
  public StaggerBatchProcessor(
      Outputs outputs,
      Duration step,
      Duration alertThreshold,
      BatchAttempts attempts,
      CatalogPartitions catalog) {
    this.outputs = outputs;
    this.step = step;
    this.alertThreshold = alertThreshold;
    this.steps = new SessionsBatch("sessions-stagger", attempts);
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
                      "stagger sessions batch {}: {} rows, {} short-window alerts, {} ms {}",
                      batchId,
                      c.rows(),
                      c.alerts(),
                      cached.millis(),
                      cached.timer()));
    }
  }

  @Override
  public StaggerCounts count(Dataset<Row> batch) {
    return StaggerCounts.of(batch, alertThreshold);
  }

  @Override
  public BatchFiles files(StaggerCounts counts) {
    return BatchFiles.none()
        .with(LakeDataset.STAGGER_SESSIONS, outputs.sessions(), counts.hours())
        .with(LakeDataset.STAGGER_SESSION_ALERTS, outputs.alerts(), counts.hours());
  }

  @Override
  public void removeEarlierItems(BatchAttempt attempt, CachedBatch batch, StaggerCounts counts) {
    List<SessionStore.Key> keys =
        counts.isEmpty()
            ? List.of()
            : batch
                .rows()
                .select(USER_ID, DEVICE_ID, StaggerSessions.TIMEAGG)
                .collectAsList()
                .stream()
                .map(
                    r ->
                        SessionStore.Key.stagger(
                            r.getString(0), r.getString(1), r.getTimestamp(2).toInstant(), step))
                .toList();
    SessionItems.replaceEarlier(attempt, outputs.store(), keys);
  }

  @Override
  public Map<String, Double> write(CachedBatch cached, StaggerCounts counts) {
    Dataset<Row> rows = cached.rows();
    long batchId = cached.id();
    Dataset<Row> alerts = StaggerSessions.alerts(rows, alertThreshold);
    try (ConcurrentOutputs concurrent = new ConcurrentOutputs(cached.timer())) {
      concurrent.start(
          "stagger_sessions",
          () -> outputs.sessions().write(LakeDataset.STAGGER_SESSIONS.partitioned(rows), batchId));
      concurrent.start("dynamodb", () -> outputs.store().putStagger(rows.collectAsList(), step));
      if (counts.alerts() > 0) {
        concurrent.start(
            "alerts",
            () ->
                outputs
                    .alerts()
                    .write(LakeDataset.STAGGER_SESSION_ALERTS.partitioned(alerts), batchId));
      }
      concurrent.awaitAll();
    }
    catalog.register(
        rows.sparkSession(),
        BatchFiles.none().with(LakeDataset.STAGGER_SESSIONS, outputs.sessions(), counts.hours()));
    return AlertRows.deliver(
        outputs.alertSink(),
        counts.alerts() > 0 ? AlertRows.stagger(alerts, step) : List.of(),
        batchId);
  }
}
