package io.clickpulse.dev.generate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Visitors of one producer clicking at a steady event-time rate: several visits run at once, each a
 * walk of steps with an exponential think time between them, so their events interleave in
 * event-time order. Event times are truncated to what the producer's timestamp holds, and two
 * events that would get the same event id (same user, name and time) are moved apart by that
 * resolution: the decoder's stable ids would merge them. Deterministic for a given seed and start.
 */
abstract class VisitSimulation<V extends VisitSimulation.Visit>
    implements Iterator<SimulatedEvent> {
  /** What every visit has: when its next event is due. */
  static class Visit {
    Instant next;
  }

  /** The walks' draws. */
  final Random random;

  /**
   * Addresses, agents and landings draw from their own sequence: the walks do not depend on the
   * traffic mix.
   */
  final Random traffic;

  private final Instant start;
  private final Duration meanThinkTime;
  private final ChronoUnit resolution;
  private final int concurrentVisits;
  private final PriorityQueue<V> active = new PriorityQueue<>((a, b) -> a.next.compareTo(b.next));
  private final Map<String, Instant> recentIds = new LinkedHashMap<>();

  VisitSimulation(
      long seed,
      Instant start,
      int eventsPerSecond,
      Duration meanThinkTime,
      ChronoUnit resolution) {
    this.random = new Random(seed);
    this.traffic = new Random(seed ^ 0x5DEECE66DL);
    this.start = start;
    this.meanThinkTime = meanThinkTime;
    this.resolution = resolution;
    this.concurrentVisits =
        (int)
            Math.max(
                1, Math.round(Math.max(1, eventsPerSecond) * meanThinkTime.toMillis() / 1000.0));
  }

  /** A new visit (its first step not yet emitted). */
  abstract V newVisit();

  /** The visit's current step as an event at {@code at}. */
  abstract SimulatedEvent emit(V visit, Instant at);

  /** Moves the visit on after an event; false when the visit is over. */
  abstract boolean advance(V visit);

  /** When the next event is due. */
  Instant nextTime() {
    startVisits();
    return active.peek().next;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public SimulatedEvent next() {
    startVisits();
    V v = active.poll();
    Instant clock = v.next;
    SimulatedEvent event = distinct(emit(v, clock.truncatedTo(resolution)), clock);
    if (advance(v)) {
      v.next = clock.plus(thinkTime());
      active.add(v);
    } else {
      V fresh = newVisit();
      fresh.next = clock.plus(thinkTime());
      active.add(fresh);
    }
    return event;
  }

  int concurrentVisits() {
    return concurrentVisits;
  }

  /** Seconds between two steps, as a visitor would spend them: one think time. */
  Duration thinkTime() {
    // exponential think time, capped at 4x the mean so a demo run shows whole visits
    double sample = -Math.log(1 - random.nextDouble()) * meanThinkTime.toMillis();
    return Duration.ofMillis((long) Math.min(sample, 4.0 * meanThinkTime.toMillis()));
  }

  private void startVisits() {
    // here rather than in the constructor: newVisit() reads the subclass' fields
    if (active.isEmpty()) {
      for (int i = 0; i < concurrentVisits; i++) {
        V v = newVisit();
        v.next = start.plusMillis(random.nextInt((int) Math.max(1, meanThinkTime.toMillis())));
        active.add(v);
      }
    }
  }

  /**
   * The event, moved on by the resolution while its id is one already given out. Event times never
   * go back, so only ids at or after the clock can still collide.
   */
  private SimulatedEvent distinct(SimulatedEvent event, Instant clock) {
    recentIds.values().removeIf(t -> t.isBefore(clock.truncatedTo(resolution)));
    SimulatedEvent e = event;
    while (recentIds.containsKey(e.eventId())) {
      e = e.withTimestamp(e.timestamp().plus(1, resolution));
    }
    recentIds.put(e.eventId(), e.timestamp());
    return e;
  }
}
