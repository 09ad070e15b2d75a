package io.clickpulse.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

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
import io.clickpulse.session.SessionTables;
import io.clickpulse.session.StaggerSessions;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import io.clickpulse.source.RawArchive;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch re-run of gap sessions ({@code clickpulse run sessions --from … --to …}, or a Glue job):
 * reads the raw archive around the range, decodes with the streaming job's decoder, and sessionizes
 * with the same {@link io.clickpulse.session.GapSessionizer}; sessions that start in [from, to)
 * replace the sessions/ hour partitions of that range, and only those.
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

  /** Result of a re-run, for the log and tests. */
  public record Result(long rawRecords, long sessions, int hourPartitionsReplaced) {}

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

  /** Stagger mode: the KDA SQL's rows of the windows that start in [from, to). */
  private static Result stagger(
      SparkSession spark, ClickpulseConfig config, Instant from, Instant to) {
    SessionsConfig s = config.sessions();
    Instant readFrom = from.minus(config.streaming().maxEventFuture());
    Instant readTo = to.plus(s.staggerStep()).plus(s.allowedLateness());
    LOG.info(
        "stagger sessions re-run [{}, {}), step {}: reading raw/ arrival hours {} to {}",
        from,
        to,
        s.staggerStep(),
        readFrom,
        readTo);
    Dataset<Row> decoded =
        RawArchive.decode(
            spark, config.lake(), config.streaming(), config.enrich(), readFrom, readTo);
    decoded.cache();
    try {
      long records = decoded.count();
      Dataset<Row> events =
          decoded
              .where(col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_OK))
              .dropDuplicates(EventColumns.EVENT_ID);
      Dataset<Row> rows =
          StaggerSessions.sessions(events, s.staggerStep())
              .where(
                  col("timeagg")
                      .geq(lit(Timestamp.from(from)))
                      .and(col("timeagg").lt(lit(Timestamp.from(to)))));
      rows.cache();
      long count = rows.count();
      List<String> replaced = LakeLayout.hourFolders(from, to);
      LakeDataset.STAGGER_SESSIONS
          .sink(config.lake())
          .replacePartitions(
              LakeDataset.STAGGER_SESSIONS.partitioned(rows), from.getEpochSecond(), replaced);
      rows.unpersist();
      PartitionRegistry.pointAtRerun(
          spark, config.batch(), config.lake(), LakeDataset.STAGGER_SESSIONS, replaced);
      LOG.info(
          "stagger sessions re-run [{}, {}): {} raw records, {} rows, {} hour partitions replaced",
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
