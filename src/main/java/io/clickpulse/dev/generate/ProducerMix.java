package io.clickpulse.dev.generate;

import io.clickpulse.dev.seed.Product;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The traffic of every configured producer, merged in event-time order: each producer's visitors
 * click at its share of the rate, so the shares hold over any stretch of time. The pixel tracker
 * alone sends exactly the events {@link ShopperSimulation} sends for the seed; the other producers
 * draw from seeds of their own. Deterministic for a given seed and start.
 */
public final class ProducerMix implements Iterator<SimulatedEvent> {
  private record Source(Supplier<Instant> nextTime, Supplier<SimulatedEvent> next) {}

  private final List<Source> sources = new ArrayList<>();

  /**
   * @param shares the producers to simulate and their shares of the events (adding up to 1)
   * @param eventsPerSecond the event-time rate of all producers together
   */
  public ProducerMix(
      Map<Producer, Double> shares,
      long seed,
      List<Product> catalog,
      int users,
      Instant start,
      int eventsPerSecond,
      Duration meanThinkTime) {
    if (shares.isEmpty()) {
      throw new IllegalArgumentException("no producer to simulate");
    }
    shares.forEach(
        (producer, share) -> {
          int rate = (int) Math.max(1, Math.round(eventsPerSecond * share));
          long ownSeed =
              producer == Producer.PIXEL
                  ? seed
                  : seed * 0x9E3779B97F4A7C15L + producer.ordinal() * 0xBF58476D1CE4E5B9L;
          sources.add(
              switch (producer) {
                case PIXEL -> {
                  ShopperSimulation s =
                      new ShopperSimulation(ownSeed, catalog, users, start, rate, meanThinkTime);
                  yield new Source(s::nextTime, s::next);
                }
                case APP -> {
                  AppSimulation s =
                      new AppSimulation(ownSeed, catalog, users, start, rate, meanThinkTime);
                  yield new Source(s::nextTime, s::next);
                }
                case UI -> {
                  RestaurantSimulation s =
                      new RestaurantSimulation(ownSeed, users, start, rate, meanThinkTime);
                  yield new Source(s::nextTime, s::next);
                }
              });
        });
  }

  /** The decoder's source_shape of a producer's events: its config name. */
  public static String shape(Producer producer) {
    return producer.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public SimulatedEvent next() {
    Source earliest = sources.get(0);
    for (Source s : sources) {
      if (s.nextTime().get().isBefore(earliest.nextTime().get())) {
        earliest = s;
      }
    }
    return earliest.next().get();
  }
}
