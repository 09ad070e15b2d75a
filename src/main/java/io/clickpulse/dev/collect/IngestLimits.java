package io.clickpulse.dev.collect;

/**
 * What one POST /events may carry: body bytes, events, and bytes of one event with its partition
 * key (as Kinesis counts a record).
 */
public record IngestLimits(int maxRequestBytes, int maxEvents, int maxEventBytes) {
  /** Kinesis: data plus partition key of one record. */
  public static final int MAX_KINESIS_RECORD_BYTES = 1024 * 1024;

  /** Kinesis: entries of one PutRecords call. */
  public static final int MAX_PUT_RECORDS_ENTRIES = 500;

  /** Kinesis: bytes of one PutRecords call, partition keys included. */
  public static final int MAX_PUT_RECORDS_BYTES = 5 * 1024 * 1024;
}
