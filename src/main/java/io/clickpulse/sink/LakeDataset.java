package io.clickpulse.sink;

import io.clickpulse.config.LakeConfig;
import io.clickpulse.event.EventColumns;
import io.clickpulse.session.SessionColumns;
import io.clickpulse.sink.LakeLayout.Grain;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Every dataset the jobs write to the lake, declared once: its catalog table (athena-ddl/tables,
 * checked against this by AthenaDdlTest), its folder under the lake, its file format and write
 * options, and how it is partitioned (by the hour or the day of which time column). The stream's
 * outputs, the batch re-runs, compaction, the aggregates, catalog registration and the raw
 * archive's reader all take their layout from here.
 */
public enum LakeDataset {
  RAW("raw_events", "raw", LakeFormat.TEXT, Options.PLAIN, Grain.HOUR, EventColumns.ARRIVAL_TIME),
  EVENTS(
      "events", "events", LakeFormat.PARQUET, Options.PARQUET, Grain.HOUR, EventColumns.EVENT_TIME),
  HIGH_INTENT(
      null,
      "high_intent",
      LakeFormat.PARQUET,
      Options.PARQUET,
      Grain.HOUR,
      EventColumns.EVENT_TIME),
  BAD_RECORDS(
      "bad_records",
      "bad_records",
      LakeFormat.JSON,
      Options.HIVE_JSON,
      Grain.DAY,
      EventColumns.ARRIVAL_TIME),
  SESSIONS(
      "sessions",
      "sessions",
      LakeFormat.PARQUET,
      Options.PARQUET,
      Grain.HOUR,
      SessionColumns.SESSION_START),
  SESSION_ALERTS(
      null,
      "session_alerts",
      LakeFormat.JSON,
      Options.PLAIN,
      Grain.HOUR,
      SessionColumns.SESSION_START),
  LATE_EVENTS(
      null, "late_events", LakeFormat.JSON, Options.PLAIN, Grain.DAY, EventColumns.EVENT_TIME),
  STAGGER_SESSIONS(
      "stagger_sessions",
      "stagger_sessions",
      LakeFormat.PARQUET,
      Options.PARQUET,
      Grain.HOUR,
      "timeagg"),
  STAGGER_SESSION_ALERTS(
      null, "stagger_session_alerts", LakeFormat.JSON, Options.PLAIN, Grain.HOUR, "timeagg"),
  // the daily aggregates (batch/DailyAggregates); no time column: each row keeps the year/month/day
  // of the events or sessions it counts
  AGG_EVENTS_BY_COUNTRY("agg_events_by_country", "aggregates/events_by_country"),
  AGG_ACTIONS_PER_CUSTOMER("agg_actions_per_customer", "aggregates/actions_per_customer"),
  AGG_TOP_REGIONS("agg_top_regions", "aggregates/top_regions"),
  AGG_PRODUCT_FUNNEL("agg_product_funnel", "aggregates/product_funnel"),
  AGG_SESSIONS_BY_DURATION("agg_sessions_by_duration", "aggregates/sessions_by_duration");

  /**
   * Write options, named once and shared by the datasets of a kind (as Iceberg's
   * SparkWriteOptions).
   */
  private static final class Options {
    /**
     * Snappy; no dictionary for the columns unique per row (the ids, the pixel tracker's pixel_id,
     * random per hit in the generator, the three timestamps, INT96, to the microsecond): Parquet
     * would hash every value into a dictionary only to give up on it, the costliest part of writing
     * events (README "Benchmark").
     */
    static final Map<String, String> PARQUET =
        Map.of(
            "compression",
            "snappy",
            "parquet.enable.dictionary#event_id",
            "false",
            "parquet.enable.dictionary#click_id",
            "false",
            "parquet.enable.dictionary#sequence_number",
            "false",
            "parquet.enable.dictionary#pixel_id",
            "false",
            "parquet.enable.dictionary#event_time",
            "false",
            "parquet.enable.dictionary#insertion_time",
            "false",
            "parquet.enable.dictionary#arrival_time",
            "false");

    static final Map<String, String> PLAIN = Map.of("compression", "none");

    /**
     * Timestamps as Hive's JSON SerDe reads them: Spark's default ISO text with a T and a zone
     * fails Athena's reader.
     */
    static final Map<String, String> HIVE_JSON =
        Map.of("compression", "none", "timestampFormat", "yyyy-MM-dd HH:mm:ss.SSS");
  }

  private final String table;
  private final String folder;
  private final LakeFormat format;
  private final Map<String, String> options;
  private final Grain grain;
  private final String timeColumn;

  LakeDataset(
      String table,
      String folder,
      LakeFormat format,
      Map<String, String> options,
      Grain grain,
      String timeColumn) {
    this.table = table;
    this.folder = folder;
    this.format = format;
    this.options = options;
    this.grain = grain;
    this.timeColumn = timeColumn;
  }

  /** A daily aggregate: Parquet by day, partition columns carried from its input. */
  LakeDataset(String table, String folder) {
    this(table, folder, LakeFormat.PARQUET, Options.PARQUET, Grain.DAY, null);
  }

  /** The dataset whose catalog table this is. */
  public static Optional<LakeDataset> byTable(String table) {
    return Arrays.stream(values()).filter(d -> table.equals(d.table)).findFirst();
  }

  /** The datasets with a catalog table, i.e. a file in athena-ddl/tables. */
  public static List<LakeDataset> inCatalog() {
    return Arrays.stream(values()).filter(d -> d.table != null).toList();
  }

  /** The catalog table's name; only for datasets {@link #inCatalog()}. */
  public String table() {
    if (table == null) {
      throw new IllegalStateException(folder + "/ has no catalog table");
    }
    return table;
  }

  /**
   * The folder under the lake's root, e.g. events or aggregates/top_regions (no slashes around it).
   */
  public String folder() {
    return folder;
  }

  public LakeFormat format() {
    return format;
  }

  /** Spark's write options. */
  public Map<String, String> options() {
    return options;
  }

  public List<String> partitionColumns() {
    return grain.columns();
  }

  /** The timestamp column whose hour or day partitions the rows; empty for the aggregates. */
  public Optional<String> timeColumn() {
    return Optional.ofNullable(timeColumn);
  }

  /**
   * The partition folder of an hour since the epoch, e.g. {@code year=2026/month=11/day=21} for a
   * daily dataset.
   */
  public String folderOf(long epochHour) {
    return grain.folder(epochHour);
  }

  /** The dataset in the lake: {@code s3a://bucket/events}. */
  public String uri(LakeConfig lake) {
    return lake.uri(folder);
  }

  /** Where compaction rewrites the dataset's partitions. */
  public String compactedFolder() {
    return LakeLayout.COMPACTED + "/" + folder;
  }

  /** The rows with this dataset's partition columns added from its time column. */
  public Dataset<Row> partitioned(Dataset<Row> rows) {
    String column =
        timeColumn()
            .orElseThrow(
                () -> new IllegalStateException(folder + "/ rows carry their partition columns"));
    return LakeLayout.withPartitions(rows, column, grain);
  }

  /** The idempotent sink of this dataset at its lake location. */
  public IdempotentFileSink sink(LakeConfig lake) {
    return sink(uri(lake));
  }

  /** The same sink at another location (tests, the benchmark's local lake). */
  public IdempotentFileSink sink(String uri) {
    return new IdempotentFileSink(uri, format.source(), options, partitionColumns());
  }

  /** The dataset's files at these locations (the dataset, or some of its partition folders). */
  public Dataset<Row> read(SparkSession spark, String... locations) {
    return spark.read().format(format.source()).load(locations);
  }

  /**
   * Writes files of this dataset's format and options under one folder, replacing what it held
   * (compaction).
   */
  public void overwrite(Dataset<Row> rows, String location) {
    rows.write().mode(SaveMode.Overwrite).format(format.source()).options(options).save(location);
  }
}
