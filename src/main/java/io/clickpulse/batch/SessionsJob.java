package io.clickpulse.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clickpulse.alert.AlertRows;
import io.clickpulse.alert.AlertSink;
import io.clickpulse.alert.AlertSinks;
import io.clickpulse.alert.SessionAlert;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.config.SessionsConfig;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import io.clickpulse.runtime.JobRunner;
import io.clickpulse.runtime.SparkSessions;
import io.clickpulse.session.BatchSessionizer;
import io.clickpulse.session.SessionColumns;
import io.clickpulse.session.SessionInput;
import io.clickpulse.session.SessionStore;
import io.clickpulse.session.SessionTables;
import io.clickpulse.session.StaggerSessions;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import io.clickpulse.source.RawArchive;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Batch re-run of sessions ({@code clickpulse run sessions --from … --to …}, or a Glue job); gap
 * mode here, stagger mode in {@link #stagger}: reads the raw archive around the range, decodes with
 * the streaming job's decoder, and sessionizes with the same {@link
 * io.clickpulse.session.GapSessionizer}; sessions that start in [from, to) replace the sessions/
 * hour partitions of that range, and only those.
 *
 * <p>raw/ is partitioned by arrival hour: the job reads from (from - max length - gap) to (to + max
 * length + allowed lateness), so sessions that started before the range or end after it are seen
 * whole. Each raw line keeps its record's arrival time, so the decoder's too-old /
 * too-far-in-the-future checks are exactly the stream's.
 *
 * <p>With {@code sessions.mode=stagger} it re-runs the stagger-window rows instead ({@link
 * StaggerSessions}, {@code sessions.stagger-step}): the windows that start in [from, to) replace
 * the stagger_sessions/ hour partitions of that range. A window lies within its step, so raw/ is
 * read from (from - streaming.max-event-future) to (to + step + allowed lateness).
 */
public final class SessionsJob {
  private static final Logger LOG = LoggerFactory.getLogger(SessionsJob.class);

  private SessionsJob() {}

  public static void main(String[] args) throws Exception {
    JobRunner.run(args, "clickpulse-sessions-rerun", SessionsJob::run);
  }

  /**
   * Result of a re-run, for the log and tests: raw records read, sessions (stagger rows) written,
   * hour partitions replaced; in stagger mode also the DynamoDB items put and the alerts raised and
   * delivered.
   */
  public record Result(
      long rawRecords,
      long sessions,
      int hourPartitionsReplaced,
      long items,
      long alerts,
      long alertsDelivered) {
    Result(long rawRecords, long sessions, int hourPartitionsReplaced) {
      this(rawRecords, sessions, hourPartitionsReplaced, 0, 0, 0);
    }
  }

  /**
   * Stagger mode: the rows of the windows that start in [from, to), from raw/ (arrival hours from
   * {@code from - streaming.max-event-future} to {@code to + step + sessions.allowed-lateness}),
   * replace the stagger_sessions/ and stagger_session_alerts/ hour partitions of the range; their
   * DynamoDB items are put (the same keys as the stream's, so a re-run rewrites them) and their
   * alerts delivered through alerts.sink (at least once: a re-run sends the same ids again).
   */
  static Result stagger(SparkSession spark, ClickpulseConfig config, Instant from, Instant to) {
    SessionsConfig s = config.sessions();
    Duration step = s.staggerStep();
    Instant readFrom = from.minus(config.streaming().maxEventFuture());
    // as the stagger query: events later than the allowed lateness are not in its windows
    Instant readTo = to.plus(step).plus(s.allowedLateness());
    LOG.info(
        "stagger sessions re-run [{}, {}), step {}: reading raw/ arrival hours {} to {}",
        from,
        to,
        step,
        readFrom,
        readTo);
    Dataset<Row> decoded =
        RawArchive.decode(
            spark, config.lake(), config.streaming(), config.enrich(), readFrom, readTo);
    decoded.cache();
    try (DynamoDbClient dynamo = new AwsClients(config.aws()).dynamoDb();
        AlertSink alertSink = AlertSinks.from(config.alerts(), config.aws())) {
      long records = decoded.count();
      Dataset<Row> events =
          decoded
              .where(col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_OK))
              .dropDuplicates(EventColumns.EVENT_ID);
      Column timeagg = col(StaggerSessions.TIMEAGG);
      Dataset<Row> rows =
          StaggerSessions.sessions(events, step)
              .where(
                  timeagg.geq(lit(Timestamp.from(from))).and(timeagg.lt(lit(Timestamp.from(to)))));
      rows.cache();
      List<Row> collected = rows.collectAsList();
      List<String> replaced = LakeLayout.hourFolders(from, to);
      LakeDataset.STAGGER_SESSIONS
          .sink(config.lake())
          .replacePartitions(
              LakeDataset.STAGGER_SESSIONS.partitioned(rows), from.getEpochSecond(), replaced);
      Dataset<Row> alerts = StaggerSessions.alerts(rows, s.shortSessionAlert());
      List<SessionAlert> raised = AlertRows.stagger(alerts, step);
      LakeDataset.STAGGER_SESSION_ALERTS
          .sink(config.lake())
          .replacePartitions(
              LakeDataset.STAGGER_SESSION_ALERTS.partitioned(alerts),
              from.getEpochSecond(),
              replaced);
      int items =
          new SessionStore(dynamo, config.tables().sessions(), s.ttl()).putStagger(collected, step);
      rows.unpersist();
      PartitionRegistry.pointAtRerun(
          spark, config.batch(), config.lake(), LakeDataset.STAGGER_SESSIONS, replaced);
      Map<String, Double> delivery = AlertRows.deliver(alertSink, raised, from.getEpochSecond());
      long delivered = delivery.get("AlertsDelivered").longValue();
      LOG.info(
          "stagger sessions re-run [{}, {}), step {}: {} raw records, {} rows, {} items, {} alerts"
              + " ({} delivered), {} hour partitions replaced",
          from,
          to,
          step,
          records,
          collected.size(),
          items,
          raised.size(),
          delivered,
          replaced.size());
      return new Result(
          records, collected.size(), replaced.size(), items, raised.size(), delivered);
    } finally {
      decoded.unpersist();
    }
  }

  public static Result run(SparkSession spark, ClickpulseConfig config) {
    SessionsConfig s = config.sessions();
    Instant from =
        s.from()
            .orElseThrow(
                () ->
                    new ConfigException(
                        "config key 'sessions.from' is required for a sessions re-run (e.g. --from 2026-11-21T00:00:00Z)"));
    Instant to =
        s.to()
            .orElseThrow(
                () ->
                    new ConfigException(
                        "config key 'sessions.to' is required for a sessions re-run (e.g. --to 2026-11-21T06:00:00Z)"));
    SparkSessions.configure(spark, config);
    if (s.mode() == SessionsConfig.Mode.STAGGER) {
      return stagger(spark, config, from, to);
    }
    Instant readFrom = from.minus(s.maxLength()).minus(s.gap());
    Instant readTo = to.plus(s.maxLength()).plus(s.allowedLateness());
    LOG.info(
        "sessions re-run [{}, {}): reading raw/ arrival hours {} to {}",
        from,
        to,
        readFrom,
        readTo);

    Dataset<Row> decoded =
        RawArchive.decode(
            spark, config.lake(), config.streaming(), config.enrich(), readFrom, readTo);
    decoded.cache();
    try {
      long records = decoded.count();
      Dataset<Row> input = SessionInput.select(decoded).dropDuplicates(EventColumns.EVENT_ID);
      Dataset<Row> sessions =
          SessionTables.sessions(
                  new BatchSessionizer(s.gap(), s.maxLength()).sessions(input).toDF())
              .where(
                  col(SessionColumns.SESSION_START)
                      .geq(lit(Timestamp.from(from)))
                      .and(col(SessionColumns.SESSION_START).lt(lit(Timestamp.from(to)))));
      sessions.cache();
      long count = sessions.count();
      List<String> replaced = LakeLayout.hourFolders(from, to);
      LakeDataset.SESSIONS
          .sink(config.lake())
          .replacePartitions(
              LakeDataset.SESSIONS.partitioned(sessions), from.getEpochSecond(), replaced);
      sessions.unpersist();
      PartitionRegistry.pointAtRerun(
          spark, config.batch(), config.lake(), LakeDataset.SESSIONS, replaced);
      LOG.info(
          "sessions re-run [{}, {}): {} raw records, {} sessions, {} hour partitions replaced",
          from,
          to,
          records,
          count,
          replaced.size());
      return new Result(records, count, replaced.size());
    } finally {
      decoded.unpersist();
    }
  }
}
