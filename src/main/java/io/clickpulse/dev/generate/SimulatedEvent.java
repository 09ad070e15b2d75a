package io.clickpulse.dev.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickpulse.dev.generate.OutgoingRecord.Fault;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One simulated interaction of one producer, as its tracker would send it, with what the streaming
 * job will make of it (event id, event name, product), so the generator's report and the demo can
 * be checked against the lake.
 */
public sealed interface SimulatedEvent permits ClickEvent, AppEvent, UiClick {
  Producer producer();

  /** The event_id the decoder gives it: the click id, or the decoder's stable id. */
  String eventId();

  /** The event_name the decoder gives it (UI clicks are all {@code click}). */
  String eventName();

  Instant timestamp();

  /** The user, or null for an anonymous visitor. */
  String userId();

  /** The catalog product it names, or null. */
  Long productId();

  /** The price a purchase paid, or null. */
  BigDecimal price();

  /** The Kinesis partition key: the user, else the device, else the visitor. */
  String partitionKey();

  SimulatedEvent withTimestamp(Instant newTimestamp);

  /** The same event naming another product; only for events that name one. */
  SimulatedEvent withProductId(long newProductId);

  /** The record as the producer sends it. */
  ObjectNode toJson();

  default byte[] toJsonBytes() {
    return toJson().toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The record with its required field removed (a {@link Fault#MALFORMED_MISSING_FIELD}). */
  ObjectNode withoutRequiredField();

  /** The record with a string where a number belongs (a {@link Fault#MALFORMED_WRONG_TYPE}). */
  ObjectNode withWrongType();
}
