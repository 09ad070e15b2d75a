package io.clickpulse.dev.collect;

/**
 * What Kinesis answered for one record, as PutRecords reports it: its shard and sequence number, or
 * an error code and message.
 */
public record PutOutcome(String shardId, String sequenceNumber, String errorCode, String message) {
  public static PutOutcome accepted(String shardId, String sequenceNumber) {
    return new PutOutcome(shardId, sequenceNumber, null, null);
  }

  public static PutOutcome failed(String errorCode, String message) {
    return new PutOutcome(null, null, errorCode, message);
  }

  public boolean ok() {
    return errorCode == null;
  }
}
