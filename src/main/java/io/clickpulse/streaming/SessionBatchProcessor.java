package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.metrics.MetricsSink;
import io.clickpulse.session.SessionOutput;
import io.clickpulse.session.SessionStore;
import io.clickpulse.session.SessionTables;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One micro-batch of the gap sessions query (closed sessions and late events) → sessions/,
 * session_alerts/, late_events/, the DynamoDB sessions table and the session metrics. Files are
 * named by batch id and items keyed by session, so a replayed batch writes the same things again.
 */
public final class SessionBatchProcessor implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SessionBatchProcessor.class);

  /** Where a batch of sessions goes. */
  public record Outputs(IdempotentFileSink sessions, IdempotentFileSink alerts, IdempotentFileSink lateEvents,
      SessionStore store, MetricsSink metrics) {

    public static Outputs forLake(ClickpulseConfig config, SessionStore store, MetricsSink metrics) {
      var lake = config.lake();
      return new Outputs(LakeDataset.SESSIONS.sink(lake), LakeDataset.SESSION_ALERTS.sink(lake),
          LakeDataset.LATE_EVENTS.sink(lake), store, metrics);
    }
  }

  private final transient Outputs outputs;
  private final Duration alertThreshold;
  private final BatchAttempts attempts;

  public SessionBatchProcessor(Outputs outputs, Duration alertThreshold, BatchAttempts attempts) {
    this.outputs = outputs;
    this.alertThreshold = alertThreshold;
    this.attempts = attempts;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    long t0 = System.nanoTime();
    StepTimer timer = new StepTimer();
    batch.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Column isSession = col("kind").equalTo(SessionOutput.SESSION);
      Row c = batch.agg(
          sum(when(isSession, 1L).otherwise(0L)),
          sum(when(col("kind").equalTo(SessionOutput.LATE), 1L).otherwise(0L)),
          sum(when(isSession.and(col("durationSec").lt(lit(alertThreshold.toSeconds()))), 1L).otherwise(0L)),
          sum(when(isSession, col("durationSec")).otherwise(0L)),
          sum(when(isSession, col("events")).otherwise(0L)),
          collect_set(when(isSession, floor(col("start").cast("long").divide(3600)))),
          collect_set(floor(col("eventTime").cast("long").divide(3600)))).first();
      long sessions = c.isNullAt(0) ? 0 : c.getLong(0);
      long late = c.isNullAt(1) ? 0 : c.getLong(1);
      long alerts = c.isNullAt(2) ? 0 : c.getLong(2);
      // before any write, and also when this attempt has nothing: a replay that reads other
      // records (the source re-reads to the stream's head) must not leave an earlier attempt's files
      List<String> sessionHours = c.<Long>getList(5).stream().map(LakeLayout::hourFolder).toList();
      attempts.removeEarlierFiles(batch.sparkSession().sparkContext().hadoopConfiguration(), batchId,
          Map.of(LakeLayout.SESSIONS, outputs.sessions(), LakeLayout.SESSION_ALERTS, outputs.alerts(),
              LakeLayout.LATE_EVENTS, outputs.lateEvents()),
          Map.of(LakeLayout.SESSIONS, sessionHours, LakeLayout.SESSION_ALERTS, sessionHours,
              LakeLayout.LATE_EVENTS, c.<Long>getList(6).stream().map(LakeLayout::dayFolder).distinct().toList()));
      if (sessions + late == 0) {
        return;
      }
      timer.lap("count");
      Dataset<Row> table = SessionTables.sessions(batch);
      Map<String, Callable<Object>> tasks = new LinkedHashMap<>();
      if (sessions > 0) {
        tasks.put("sessions", () -> outputs.sessions().write(LakeLayout.withHourPartitions(table, "session_start"), batchId));
        tasks.put("dynamodb", () -> outputs.store().put(table.collectAsList()));
      }
      if (alerts > 0) {
        tasks.put("alerts", () -> outputs.alerts().write(
            LakeLayout.withHourPartitions(SessionTables.alerts(table, alertThreshold), "session_start"), batchId));
      }
      if (late > 0) {
        tasks.put("late_events", () -> outputs.lateEvents().write(
            LakeLayout.withHourPartitions(SessionTables.lateEvents(batch), "event_time").drop("hour"), batchId));
      }
      ConcurrentOutputs.run(tasks, timer);

      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("SessionsClosed", (double) sessions);
      metrics.put("MeanSessionDurationSeconds", sessions == 0 ? 0.0 : (double) c.getLong(3) / sessions);
      metrics.put("EventsPerSession", sessions == 0 ? 0.0 : (double) c.getLong(4) / sessions);
      metrics.put("ShortSessionAlerts", (double) alerts);
      metrics.put("LateEvents", (double) late);
      outputs.metrics().publish("sessions", batchId, Instant.now(), metrics);
      LOG.info("sessions batch {}: {} sessions closed, {} short-session alerts, {} late events, {} ms {}",
          batchId, sessions, alerts, late, (System.nanoTime() - t0) / 1_000_000, timer);
    } finally {
      batch.unpersist();
    }
  }
}
