package io.clickpulse.sink;

import static org.apache.spark.sql.functions.col;

import io.clickpulse.enrich.EnricherChain;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The wide rows a {@link SinglePassWrite} of decoded records writes, for the stream and its re-run
 * from the raw archive alike, so there is one way an event row is made: every record, bad ones too,
 * enriched once, with its bad-record origin and a flag per output saying where it goes.
 */
public final class LakeRows {
  /** An accepted record: a row of events/. */
  public static final String TO_EVENTS = "_to_events";

  /** A bad record: a row of bad_records/. */
  public static final String TO_BAD_RECORDS = "_to_bad_records";

  private LakeRows() {}

  /**
   * The decoded rows enriched, with the shard ({@code shardId}, for bad ones) and {@code source} of
   * the bad records and the events and bad-records flags.
   */
  public static Dataset<Row> of(
      EnricherChain enrichers, Dataset<Row> decoded, Column shardId, String source) {
    return BadRecordsTable.withOrigin(enrichers.apply(decoded), shardId, source)
        .withColumn(TO_EVENTS, accepted())
        .withColumn(TO_BAD_RECORDS, col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_BAD));
  }

  /** Whether a decoded record was accepted. */
  public static Column accepted() {
    return col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_OK);
  }

  /** The accepted rows to {@code sink}, with the events table's columns in their order. */
  public static RoutedOutput events(IdempotentFileSink sink, List<String> eventColumns) {
    return RoutedOutput.where(LakeDataset.EVENTS, sink, TO_EVENTS, eventColumns);
  }

  /** The bad rows to {@code sink}, with the bad-records table's columns. */
  public static RoutedOutput badRecords(IdempotentFileSink sink) {
    return RoutedOutput.where(
        LakeDataset.BAD_RECORDS, sink, TO_BAD_RECORDS, BadRecordsTable.COLUMNS);
  }
}
