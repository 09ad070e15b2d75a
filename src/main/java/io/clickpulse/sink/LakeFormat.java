package io.clickpulse.sink;

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

  /** How the table's DDL declares the storage. */
  public String hiveStorage() {
    return hiveStorage;
  }
}
