package io.clickpulse.dev.generate;

import io.clickpulse.dev.generate.OutgoingRecord.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns clean events into the records actually sent, replacing or adding a configured share of
 * faulty ones. Each share is a probability per event; the draws come from their own seeded random
 * source, so the clean events stay the same whatever the shares are. Every producer's events get
 * every fault, each in its own shape, except an unknown product for events that name no product (UI
 * clicks, the app's browsing screens): those are sent clean.
 */
public final class FaultInjector {
  private static final Fault[] MALFORMED = {
    Fault.MALFORMED_NOT_JSON,
    Fault.MALFORMED_NOT_UTF8,
    Fault.MALFORMED_MISSING_FIELD,
    Fault.MALFORMED_WRONG_TYPE
  };

  private final Random random;
  private final double malformed;
  private final double duplicate;
  private final double late;
  private final double unknownProduct;
  private final Duration lateBy;
  private final long unknownProductId;
  private int malformedCount;

  public FaultInjector(
      long seed,
      double malformed,
      double duplicate,
      double late,
      double unknownProduct,
      Duration lateBy,
      long unknownProductId) {
    // a stream of draws of its own: Random(seed ^ 0x5DEECE66D) would repeat the simulation's draws
    this.random = new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
    this.malformed = malformed;
    this.duplicate = duplicate;
    this.late = late;
    this.unknownProduct = unknownProduct;
    this.lateBy = lateBy;
    this.unknownProductId = unknownProductId;
  }

  /** The one or two records to send for this event. */
  public List<OutgoingRecord> apply(SimulatedEvent event) {
    double p = random.nextDouble();
    List<OutgoingRecord> out = new ArrayList<>(2);
    if (p < malformed) {
      Fault kind = MALFORMED[malformedCount++ % MALFORMED.length];
      out.add(new OutgoingRecord(malformedBytes(kind, event), event.partitionKey(), kind, event));
    } else if (p < malformed + duplicate) {
      OutgoingRecord original = clean(event, Fault.NONE);
      out.add(original);
      out.add(new OutgoingRecord(original.data(), original.partitionKey(), Fault.DUPLICATE, event));
    } else if (p < malformed + duplicate + late) {
      out.add(clean(event.withTimestamp(event.timestamp().minus(lateBy)), Fault.LATE));
    } else if (p < malformed + duplicate + late + unknownProduct && event.productId() != null) {
      out.add(clean(event.withProductId(unknownProductId), Fault.UNKNOWN_PRODUCT));
    } else {
      out.add(clean(event, Fault.NONE));
    }
    return out;
  }

  private static OutgoingRecord clean(SimulatedEvent e, Fault fault) {
    return new OutgoingRecord(e.toJsonBytes(), e.partitionKey(), fault, e);
  }

  static byte[] malformedBytes(Fault kind, SimulatedEvent e) {
    String json = new String(e.toJsonBytes(), StandardCharsets.UTF_8);
    return switch (kind) {
      case MALFORMED_NOT_JSON ->
          json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8);
      case MALFORMED_NOT_UTF8 -> {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        b[b.length / 3] = (byte) 0xC3; // a lead byte followed by ASCII: invalid UTF-8
        b[b.length / 3 + 1] = (byte) 0x28;
        yield b;
      }
      case MALFORMED_MISSING_FIELD ->
          e.withoutRequiredField().toString().getBytes(StandardCharsets.UTF_8);
      case MALFORMED_WRONG_TYPE -> e.withWrongType().toString().getBytes(StandardCharsets.UTF_8);
      default -> throw new IllegalArgumentException("not a malformed kind: " + kind);
    };
  }
}
