package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.col;

import io.clickpulse.alert.AlertSink;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.SessionsConfig;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import io.clickpulse.metrics.MetricsSink;
import io.clickpulse.runtime.GracefulStop;
import io.clickpulse.runtime.SparkSessions;
import io.clickpulse.session.SessionInput;
import io.clickpulse.session.SessionOutput;
import io.clickpulse.session.SessionState;
import io.clickpulse.session.SessionStore;
import io.clickpulse.session.StaggerSessions;
import io.clickpulse.session.StreamingSessionizer;
import io.clickpulse.sink.BatchAttempts;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions query of the streaming job: decoded records → sessions, in gap mode (per user and
 * device, {@link StreamingSessionizer}) or stagger mode ({@link StaggerSessions}), each with its
 * own checkpoint. It runs next to the main query on its own read of the stream, so a slow sessions
 * output never delays demand, and the other way round.
 */
public final class SessionsQuery {
  private static final Logger LOG = LoggerFactory.getLogger(SessionsQuery.class);
  public static final String QUERY_NAME = "clickpulse-sessions";

  private SessionsQuery() {}

  /**
   * Gap mode: decoded records (any status) → {@link SessionOutput} rows (closed sessions, late
   * events).
   */
  public static Dataset<Row> gapSessions(
      Dataset<Row> decoded, SessionsConfig s, Duration dedupRetention) {
    return SessionInput.selectStreaming(decoded, s.allowedLateness())
        .groupByKey(SessionInput.key(), Encoders.STRING())
        .flatMapGroupsWithState(
            new StreamingSessionizer(s.gap(), s.maxLength(), dedupRetention),
            OutputMode.Append(),
            Encoders.bean(SessionState.class),
            Encoders.bean(SessionOutput.class),
            GroupStateTimeout.EventTimeTimeout())
        .toDF();
  }

  /**
   * Stagger mode: decoded records → the KDA SQL's rows, each emitted once its window is behind the
   * watermark.
   */
  public static Dataset<Row> staggerSessions(Dataset<Row> decoded, SessionsConfig s) {
    Dataset<Row> events =
        decoded
            .where(col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_OK))
            .withWatermark(
                EventColumns.EVENT_TIME, s.allowedLateness().toMillis() + " milliseconds")
            .dropDuplicatesWithinWatermark(EventColumns.EVENT_ID);
    return StaggerSessions.sessions(events, s.staggerStep());
  }

  /**
   * Starts a query that runs no-data micro-batches: sessions close when the watermark moves, also
   * when no new data came. The main query does not run them; the setting is read when a query
   * starts, so it is set for this start only.
   */
  public static StreamingQuery startWithNoDataBatches(
      SparkSession spark, DataStreamWriter<Row> writer) throws TimeoutException {
    return SparkSessions.withSetting(
        spark, "spark.sql.streaming.noDataMicroBatches.enabled", "true", writer::start);
  }

  public static StreamingQuery start(
      SparkSession spark,
      ClickpulseConfig config,
      Dataset<Row> decoded,
      SessionStore store,
      AlertSink alertSink,
      MetricsSink metrics,
      TaskLimit limit)
      throws TimeoutException {
    SessionsConfig s = config.sessions();
    Dataset<Row> rows = limit.read(decoded);
    var writer =
        (s.mode() == SessionsConfig.Mode.GAP
                ? gapSessions(rows, s, config.streaming().dedupWatermark())
                    .writeStream()
                    .foreachBatch(
                        limit.batches(
                            GracefulStop.gated(
                                new SessionBatchProcessor(
                                    SessionBatchProcessor.Outputs.forLake(
                                        config.lake(), store, alertSink, metrics),
                                    s.shortSessionAlert(),
                                    BatchAttempts.inCheckpoint(s.checkpoint()),
                                    CatalogPartitions.of(spark, config)))))
                : staggerSessions(rows, s)
                    .writeStream()
                    .outputMode(OutputMode.Append())
                    .foreachBatch(
                        limit.batches(
                            GracefulStop.gated(
                                new StaggerBatchProcessor(
                                    StaggerBatchProcessor.Outputs.forLake(
                                        config.lake(), store, alertSink, metrics),
                                    s.staggerStep(),
                                    s.shortSessionAlert(),
                                    BatchAttempts.inCheckpoint(s.checkpoint()),
                                    CatalogPartitions.of(spark, config))))))
            .queryName(QUERY_NAME)
            .option("checkpointLocation", s.checkpoint())
            .trigger(Trigger.ProcessingTime(config.streaming().triggerInterval().toMillis()));
    StreamingQuery query =
        SparkSessions.inPool(spark, QUERY_NAME, () -> startWithNoDataBatches(spark, writer));
    LOG.info(
        "started query {} (id {}) in {} mode: gap {}, max length {}, stagger step {}, allowed"
            + " lateness {}, checkpoint {}, alerts to {}, {}",
        QUERY_NAME,
        query.id(),
        s.mode(),
        s.gap(),
        s.maxLength(),
        s.staggerStep(),
        s.allowedLateness(),
        s.checkpoint(),
        config.alerts().sink(),
        limit);
    return query;
  }
}
