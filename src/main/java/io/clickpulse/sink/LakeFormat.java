package io.clickpulse.sink;

import org.apache.spark.sql.execution.datasources.FileFormat;
import org.apache.spark.sql.execution.datasources.json.JsonFileFormat;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.text.TextFileFormat;

/**
 * A lake dataset's file format: the Spark data source that writes and reads it, and the storage
 * clause of its table in athena-ddl/tables (AthenaDdlTest checks each table file has it).
 */
public enum LakeFormat {
  PARQUET("parquet", "STORED AS PARQUET"),
  // Hive's JSON SerDe: Athena reads it, and Spark's Hive client can create it (openx's cannot)
  JSON("json", "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'"),
  // one column, one line per row: a foreign file in the folder cannot fail a query as it would a
  // JSON SerDe's
  TEXT("text", "STORED AS TEXTFILE");

  private final String source;
  private final String hiveStorage;

  LakeFormat(String source, String hiveStorage) {
    this.source = source;
    this.hiveStorage = hiveStorage;
  }

  /** Spark's data source name: {@code write().format(…)}, {@code read().format(…)}. */
  public String source() {
    return source;
  }

  /**
   * Spark's own file format for {@link #source()}: the single-pass write makes its task writers
   * with it, so its files are the ones {@code write().format(source())} would make.
   */
  public FileFormat fileFormat() {
    return switch (this) {
      case PARQUET -> new ParquetFileFormat();
      case JSON -> new JsonFileFormat();
      case TEXT -> new TextFileFormat();
    };
  }

  /** How the table's DDL declares the storage. */
  public String hiveStorage() {
    return hiveStorage;
  }
}
