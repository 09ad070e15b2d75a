package io.clickpulse.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.config.SessionsConfig;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventDecoder;
import io.clickpulse.event.RecordDecoding;
import io.clickpulse.session.BatchSessionizer;
import io.clickpulse.session.SessionInput;
import io.clickpulse.session.SessionTables;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch re-run of gap sessions ({@code clickpulse run sessions --from … --to …}, or a Glue job):
 * reads the raw archive around the range, decodes with the streaming job's decoder, and
 * sessionizes with the same {@link io.clickpulse.session.GapSessionizer}; sessions that start in
 * [from, to) replace the sessions/ hour partitions of that range, and only those.
 *
 * <p>raw/ is partitioned by arrival hour: the job reads from (from - max length - gap) to
 * (to + max length + allowed lateness), so sessions that started before the range or end after
 * it are seen whole. A record's arrival time is taken as the end of its hour, so the decoder's
 * too-old / too-far-in-the-future checks are at most an hour looser than in the stream.
 */
public final class SessionsJob {
  private static final Logger LOG = LoggerFactory.getLogger(SessionsJob.class);
  private static final DateTimeFormatter HOUR_DIR =
      DateTimeFormatter.ofPattern("'year='yyyy'/month='MM'/day='dd'/hour='HH").withZone(ZoneOffset.UTC);

  private SessionsJob() {}

  public static void main(String[] args) {
    ClickpulseConfig config = ClickpulseConfig.fromArgs(args);
    SparkSession spark = SparkSessions.create(config, "clickpulse-sessions-rerun");
    try {
      run(spark, config);
    } finally {
      spark.stop();
    }
  }

  /** Result of a re-run, for the log and tests. */
  public record Result(long rawRecords, long sessions, int hourPartitionsReplaced) {}

  public static Result run(SparkSession spark, ClickpulseConfig config) {
    SessionsConfig s = config.sessions();
    Instant from = s.from().orElseThrow(() -> new ConfigException(
        "config key 'sessions.from' is required for a sessions re-run (e.g. --from 2026-11-21T00:00:00Z)"));
    Instant to = s.to().orElseThrow(() -> new ConfigException(
        "config key 'sessions.to' is required for a sessions re-run (e.g. --to 2026-11-21T06:00:00Z)"));
    if (s.mode() != SessionsConfig.Mode.GAP) {
      throw new ConfigException("sessions re-run: only sessions.mode=gap can be re-run (got stagger)");
    }
    SparkSessions.configure(spark, config);
    Instant readFrom = from.minus(s.maxLength()).minus(s.gap());
    Instant readTo = to.plus(s.maxLength()).plus(s.allowedLateness());
    LOG.info("sessions re-run [{}, {}): reading raw/ arrival hours {} to {}", from, to, readFrom, readTo);

    Dataset<Row> decoded = decodeRaw(spark, config, existingHours(spark, config.lake().uri(LakeLayout.RAW), readFrom, readTo));
    decoded.cache();
    try {
      long records = decoded.count();
      Dataset<Row> input = SessionInput.select(decoded).dropDuplicates("event_id");
      Dataset<Row> sessions = SessionTables.sessions(new BatchSessionizer(s.gap(), s.maxLength()).sessions(input).toDF())
          .where(col("session_start").geq(lit(Timestamp.from(from))).and(col("session_start").lt(lit(Timestamp.from(to)))));
      sessions.cache();
      long count = sessions.count();
      List<String> replaced = hourDirs(from, to);
      IdempotentFileSink sink = new IdempotentFileSink(config.lake().uri(LakeLayout.SESSIONS), "parquet",
          Map.of("compression", "snappy"), LakeLayout.HOURLY);
      sink.replacePartitions(LakeLayout.withHourPartitions(sessions, "session_start"), from.getEpochSecond(), replaced);
      sessions.unpersist();
      LOG.info("sessions re-run [{}, {}): {} raw records, {} sessions, {} hour partitions replaced", from, to, records, count,
          replaced.size());
      return new Result(records, count, replaced.size());
    } finally {
      decoded.unpersist();
    }
  }

  /** Hour partition folders of [from, to): the hours a session start in the range can fall in. */
  static List<String> hourDirs(Instant from, Instant to) {
    List<String> dirs = new ArrayList<>();
    for (Instant h = from.truncatedTo(ChronoUnit.HOURS); h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
      dirs.add(HOUR_DIR.format(h));
    }
    return dirs;
  }

  private static List<String> existingHours(SparkSession spark, String root, Instant from, Instant to) {
    try {
      Path base = new Path(root);
      FileSystem fs = base.getFileSystem(spark.sparkContext().hadoopConfiguration());
      List<String> out = new ArrayList<>();
      for (String dir : hourDirs(from, to)) {
        Path p = new Path(root + "/" + dir);
        if (fs.exists(p)) {
          out.add(p.toString());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + root, e);
    }
  }

  /** Raw lines of the given hour folders → decoded rows, the arrival time being the end of each hour. */
  private static Dataset<Row> decodeRaw(SparkSession spark, ClickpulseConfig config, List<String> hourPaths) {
    if (hourPaths.isEmpty()) {
      return spark.createDataFrame(List.of(), DecodedSchema.DECODED);
    }
    UserDefinedFunction arrival = udf((UDF1<String, Timestamp>) file -> Timestamp.from(hourEnd(file)), DataTypes.TimestampType);
    Dataset<Row> records = spark.read().text(hourPaths.toArray(String[]::new)).select(col("value").cast("binary"),
        lit(null).cast("string"), lit(null).cast("string"), arrival.apply(input_file_name()));
    return RecordDecoding.decodeRecords(records, EventDecoder.from(config.streaming()));
  }

  /** {@code …/year=2026/month=11/day=21/hour=10/file} → 2026-11-21T11:00:00Z. */
  static Instant hourEnd(String file) {
    var m = java.util.regex.Pattern.compile("year=(\\d{4})/month=(\\d{2})/day=(\\d{2})/hour=(\\d{2})/").matcher(file);
    if (!m.find()) {
      throw new IllegalStateException("raw file outside an hour partition: " + file);
    }
    return Instant.parse(m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + m.group(4) + ":00:00Z").plus(Duration.ofHours(1));
  }
}
