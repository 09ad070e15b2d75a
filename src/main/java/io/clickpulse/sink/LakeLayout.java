package io.clickpulse.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.year;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The lake's Hive-style partitions, as Kinesis Data Firehose writes them: {@code
 * year=2026/month=01/day=02/hour=03} (zero-padded, UTC). The one place that prints, parses and
 * derives them; which dataset is partitioned how is {@link LakeDataset}'s.
 */
public final class LakeLayout {
  /** Partition columns of the hourly and the daily datasets. */
  public static final List<String> HOURLY = Grain.HOUR.columns();

  public static final List<String> DAILY = Grain.DAY.columns();

  /**
   * The folder compaction writes partitions into:
   * compacted/&lt;dataset&gt;/&lt;partition&gt;/run=&lt;id&gt;/.
   */
  public static final String COMPACTED = "compacted";

  private static final DateTimeFormatter HOUR_FOLDER =
      DateTimeFormatter.ofPattern("'year='uuuu'/month='MM'/day='dd'/hour='HH")
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_FOLDER =
      DateTimeFormatter.ofPattern("'year='uuuu'/month='MM'/day='dd").withZone(ZoneOffset.UTC);

  private LakeLayout() {}

  /** How a dataset is partitioned: by the UTC hour or the UTC day of its time column. */
  public enum Grain {
    // the lists are spelled here, not taken from LakeLayout: LakeLayout's initialisation reads
    // LakeDataset, which reads Grain
    HOUR(List.of("year", "month", "day", "hour")),
    DAY(List.of("year", "month", "day"));

    private final List<String> columns;

    Grain(List<String> columns) {
      this.columns = columns;
    }

    public List<String> columns() {
      return columns;
    }

    /**
     * The partition folder of an hour since the epoch: {@link #hourFolder} or {@link #dayFolder}.
     */
    public String folder(long epochHour) {
      return this == HOUR ? hourFolder(epochHour) : dayFolder(epochHour);
    }
  }

  /**
   * {@code year=2026/month=01/day=02/hour=03}: the hour folder of an hour since the epoch (UTC).
   */
  public static String hourFolder(long epochHour) {
    return HOUR_FOLDER.format(Instant.ofEpochSecond(epochHour * 3600));
  }

  /** {@code year=2026/month=01/day=02}: the day folder of an hour since the epoch (UTC). */
  public static String dayFolder(long epochHour) {
    return DAY_FOLDER.format(Instant.ofEpochSecond(epochHour * 3600));
  }

  /**
   * The hour folders of [from, to), from's hour on: the partitions a re-run of the range replaces.
   */
  public static List<String> hourFolders(Instant from, Instant to) {
    List<String> folders = new ArrayList<>();
    for (Instant h = from.truncatedTo(ChronoUnit.HOURS);
        h.isBefore(to);
        h = h.plus(Duration.ofHours(1))) {
      folders.add(HOUR_FOLDER.format(h));
    }
    return folders;
  }

  /** {@code year=2026/month=11/day=21} → its columns and values, in order. */
  public static Map<String, String> spec(String folder) {
    Map<String, String> spec = new LinkedHashMap<>();
    for (String part : folder.split("/")) {
      int eq = part.indexOf('=');
      spec.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return spec;
  }

  /** The folder of a partition's columns and values, in their order. */
  public static String folder(Map<String, String> spec) {
    StringBuilder b = new StringBuilder();
    spec.forEach((k, v) -> b.append(b.length() == 0 ? "" : "/").append(k).append('=').append(v));
    return b.toString();
  }

  /** When a partition's hour (or day, without an hour column) begins, UTC. */
  public static Instant start(Map<String, String> spec) {
    return Instant.parse(
        spec.get("year")
            + "-"
            + spec.get("month")
            + "-"
            + spec.get("day")
            + "T"
            + spec.getOrDefault("hour", "00")
            + ":00:00Z");
  }

  /** When it ends. */
  public static Instant end(Map<String, String> spec) {
    return start(spec).plus(spec.containsKey("hour") ? Duration.ofHours(1) : Duration.ofDays(1));
  }

  /**
   * The hour a file lies in, from the hour folder that holds it, e.g. {@code
   * s3a://lake/raw/year=2026/month=11/day=21/hour=10/batch-…txt} → 2026-11-21T10:00Z.
   */
  public static Instant hourOf(String path) {
    String[] parts = path.split("/");
    String folder =
        parts.length < 5
            ? ""
            : String.join("/", List.of(parts).subList(parts.length - 5, parts.length - 1));
    try {
      Instant hour = start(spec(folder));
      if (HOUR_FOLDER.format(hour).equals(folder)) {
        return hour;
      }
    } catch (RuntimeException e) {
      // no key=value folders, or not a time: not an hour folder
    }
    throw new IllegalStateException("file outside an hour partition: " + path);
  }

  /** Adds year/month/day/hour columns derived from a timestamp column. */
  private static Dataset<Row> withHourPartitions(Dataset<Row> rows, String timeColumn) {
    // integer extraction + padding: several times cheaper per row than date_format
    Column t = col(timeColumn);
    return rows.withColumn("year", year(t).cast("string"))
        .withColumn("month", lpad(month(t).cast("string"), 2, "0"))
        .withColumn("day", lpad(dayofmonth(t).cast("string"), 2, "0"))
        .withColumn("hour", lpad(hour(t).cast("string"), 2, "0"));
  }

  /** Adds the grain's partition columns derived from a timestamp column. */
  static Dataset<Row> withPartitions(Dataset<Row> rows, String timeColumn, Grain grain) {
    Dataset<Row> hourly = withHourPartitions(rows, timeColumn);
    return grain == Grain.HOUR ? hourly : hourly.drop("hour");
  }
}
