package io.clickpulse.dev.generate;

import java.nio.charset.StandardCharsets;

/**
 * One Kinesis record the generator sends. {@code event} is the simulated event behind it (for a
 * deliberately malformed record, the one it was garbled from), or null for a record the simulation
 * did not make.
 */
public record OutgoingRecord(byte[] data, String partitionKey, Fault fault, SimulatedEvent event) {

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
    /** Valid JSON without a required field (event_name, client_event, created_at). */
    MALFORMED_MISSING_FIELD,
    /** Valid JSON with a value of the wrong type (a string where a number belongs, ...). */
    MALFORMED_WRONG_TYPE;

    public boolean malformed() {
      return name().startsWith("MALFORMED");
    }
  }

  /** A distinct valid event: made by the simulation, neither malformed nor a duplicate. */
  public boolean distinctValidEvent() {
    return event != null && !fault.malformed() && fault != Fault.DUPLICATE;
  }

  public int sizeBytes() {
    return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
  }
}
