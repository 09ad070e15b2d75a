package io.clickpulse.dev.generate;

import java.nio.charset.StandardCharsets;

/**
 * One Kinesis record the generator sends. {@code event} is the valid event behind it, or null for a
 * deliberately malformed record.
 */
public record OutgoingRecord(byte[] data, String partitionKey, Fault fault, ClickEvent event) {

  /** What the record deliberately gets wrong, so tests can expect the right outcome. */
  public enum Fault {
    NONE,
    /** An exact copy of the record before it: a producer retry. */
    DUPLICATE,
    /** A valid event whose event time lies far behind the others. */
    LATE,
    /** A valid event naming a product the catalog does not have. */
    UNKNOWN_PRODUCT,
    /** Truncated JSON. */
    MALFORMED_NOT_JSON,
    /** Bytes that are not UTF-8. */
    MALFORMED_NOT_UTF8,
    /** Valid JSON without the required event_name. */
    MALFORMED_MISSING_FIELD,
    /** Valid JSON with a string where a number belongs. */
    MALFORMED_WRONG_TYPE;

    public boolean malformed() {
      return name().startsWith("MALFORMED");
    }
  }

  public int sizeBytes() {
    return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
  }
}
