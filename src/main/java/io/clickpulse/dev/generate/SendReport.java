package io.clickpulse.dev.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clickpulse.dev.generate.OutgoingRecord.Fault;
import io.clickpulse.event.EventName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the generator sent, in the terms the jobs' outputs are checked against: distinct valid
 * events per event name and per product, purchase revenue per product, every injected fault, and
 * per producer the records and distinct valid events.
 */
public final class SendReport {
  private long records;
  private long bytes;
  private long validEvents;
  private final Map<String, Long> eventsByName = new TreeMap<>();
  private final Map<String, Map<String, Long>> eventsByProduct = new TreeMap<>();
  private final Map<String, BigDecimal> revenueByProduct = new TreeMap<>();
  private final Map<Fault, Long> faults = new EnumMap<>(Fault.class);
  private final Map<Producer, Long> recordsByProducer = new EnumMap<>(Producer.class);
  private final Map<Producer, Long> eventsByProducer = new EnumMap<>(Producer.class);
  private final Map<Producer, Map<String, Long>> namesByProducer = new EnumMap<>(Producer.class);
  private Instant firstEventTime;
  private Instant lastEventTime;
  private long retriedEntries;
  private long putRecordsCalls;

  /** Counts a record after Kinesis accepted it. */
  public synchronized void accepted(OutgoingRecord r) {
    records++;
    bytes += r.data().length;
    faults.merge(r.fault(), 1L, Long::sum);
    if (r.event() != null) {
      recordsByProducer.merge(r.event().producer(), 1L, Long::sum);
    }
    if (!r.distinctValidEvent()) {
      return;
    }
    SimulatedEvent e = r.event();
    validEvents++;
    eventsByName.merge(e.eventName(), 1L, Long::sum);
    eventsByProducer.merge(e.producer(), 1L, Long::sum);
    namesByProducer
        .computeIfAbsent(e.producer(), k -> new TreeMap<>())
        .merge(e.eventName(), 1L, Long::sum);
    if (e.productId() != null) {
      String product = String.valueOf(e.productId());
      eventsByProduct
          .computeIfAbsent(product, k -> new TreeMap<>())
          .merge(e.eventName(), 1L, Long::sum);
      if (EventName.PURCHASE.equals(e.eventName()) && e.price() != null) {
        revenueByProduct.merge(product, e.price(), BigDecimal::add);
      }
    }
    if (firstEventTime == null || e.timestamp().isBefore(firstEventTime)) {
      firstEventTime = e.timestamp();
    }
    if (lastEventTime == null || e.timestamp().isAfter(lastEventTime)) {
      lastEventTime = e.timestamp();
    }
  }

  public synchronized void retried(int entries) {
    retriedEntries += entries;
  }

  public synchronized void call() {
    putRecordsCalls++;
  }

  public synchronized long records() {
    return records;
  }

  public synchronized long validEvents() {
    return validEvents;
  }

  public synchronized long retriedEntries() {
    return retriedEntries;
  }

  public synchronized long fault(Fault f) {
    return faults.getOrDefault(f, 0L);
  }

  /** Records sent deliberately malformed, all kinds together. */
  public synchronized long malformed() {
    return faults.entrySet().stream()
        .filter(e -> e.getKey().malformed())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public synchronized Map<String, Long> eventsByName() {
    return Map.copyOf(eventsByName);
  }

  /** Records sent per producer, faults included (malformed ones under the producer garbled). */
  public synchronized long records(Producer p) {
    return recordsByProducer.getOrDefault(p, 0L);
  }

  /** Distinct valid events sent per producer. */
  public synchronized long validEvents(Producer p) {
    return eventsByProducer.getOrDefault(p, 0L);
  }

  public synchronized Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("records_sent", records);
    m.put("bytes_sent", bytes);
    m.put("put_records_calls", putRecordsCalls);
    m.put("retried_entries", retriedEntries);
    m.put("valid_events", validEvents);
    m.put("first_event_time", firstEventTime == null ? null : firstEventTime.toString());
    m.put("last_event_time", lastEventTime == null ? null : lastEventTime.toString());
    Map<String, Long> f = new LinkedHashMap<>();
    faults.forEach((k, v) -> f.put(k.name().toLowerCase(), v));
    m.put("records_by_fault", f);
    m.put("events_by_name", new TreeMap<>(eventsByName));
    m.put("events_by_product", new TreeMap<>(eventsByProduct));
    m.put("revenue_by_product", new TreeMap<>(revenueByProduct));
    Map<String, Object> producers = new LinkedHashMap<>();
    for (Producer p : Producer.values()) {
      if (recordsByProducer.containsKey(p)) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("records_sent", records(p));
        one.put("valid_events", validEvents(p));
        one.put("events_by_name", namesByProducer.getOrDefault(p, Map.of()));
        producers.put(ProducerMix.shape(p), one);
      }
    }
    m.put("by_producer", producers);
    return m;
  }

  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(file.toFile(), toMap());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the generator report " + file, e);
    }
  }
}
