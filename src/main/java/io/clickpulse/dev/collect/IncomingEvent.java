package io.clickpulse.dev.collect;

import java.nio.charset.StandardCharsets;

/**
 * One event of a request: its bytes exactly as they were in the body, and the Kinesis partition key
 * chosen for it.
 */
public record IncomingEvent(byte[] data, String partitionKey) {
  /** What Kinesis counts against its record limit: data plus partition key. */
  public int recordBytes() {
    return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
  }
}
