package io.clickpulse.dev.generate;

import io.clickpulse.dev.seed.Product;
import io.clickpulse.event.EventName;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Simulated shoppers walking the funnel Search → ViewContent → AddToCart → Purchase with drop-off
 * at each step and a think time between steps. Several shoppers are active at once, so their events
 * interleave in event-time order. Deterministic for a given seed and start.
 */
public final class ShopperSimulation implements Iterator<ClickEvent> {
  static final String[] DEVICES = {"mobile", "computer", "tablet"};

  /** Share of shoppers who go on to the next step (after the 1-3 searches and 1-4 views). */
  static final double VIEW_AFTER_SEARCH = 0.85;

  static final double CART_AFTER_VIEW = 0.35;
  static final double PURCHASE_AFTER_CART = 0.55;

  private enum Step {
    SEARCH,
    VIEW,
    CART,
    PURCHASE,
    DONE
  }

  private final class Shopper {
    final String userId;
    final String device;
    final TrafficSource source;
    Instant next;
    Step step = Step.SEARCH;
    int remainingInStep;
    Product product;

    Shopper(Instant start) {
      userId = String.valueOf(1 + random.nextInt(users));
      device = DEVICES[random.nextInt(DEVICES.length)];
      source = new TrafficSource(traffic);
      next = start;
      remainingInStep = 1 + random.nextInt(3);
    }
  }

  private final Random random;

  /**
   * Addresses, agents and landings draw from their own sequence: the funnel walk does not depend on
   * the traffic mix.
   */
  private final Random traffic;

  private final List<Product> catalog;
  private final int users;
  private final Duration meanThinkTime;
  private final PriorityQueue<Shopper> active =
      new PriorityQueue<>((a, b) -> a.next.compareTo(b.next));
  private final int concurrentShoppers;
  private Instant clock;
  private long sequence;

  /**
   * @param eventsPerSecond the event-time rate the interleaved shoppers produce on average
   */
  public ShopperSimulation(
      long seed,
      List<Product> catalog,
      int users,
      Instant start,
      int eventsPerSecond,
      Duration meanThinkTime) {
    if (catalog.isEmpty()) {
      throw new IllegalArgumentException("the product catalog is empty: run bootstrap first");
    }
    this.random = new Random(seed);
    this.traffic = new Random(seed ^ 0x5DEECE66DL);
    this.catalog = List.copyOf(catalog);
    this.users = users;
    this.meanThinkTime = meanThinkTime;
    this.clock = start;
    this.concurrentShoppers =
        (int)
            Math.max(
                1, Math.round(Math.max(1, eventsPerSecond) * meanThinkTime.toMillis() / 1000.0));
    for (int i = 0; i < concurrentShoppers; i++) {
      Shopper s =
          new Shopper(
              start.plusMillis(random.nextInt((int) Math.max(1, meanThinkTime.toMillis()))));
      active.add(s);
    }
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public ClickEvent next() {
    Shopper s = active.poll();
    clock = s.next;
    ClickEvent event = emit(s);
    advance(s);
    if (s.step == Step.DONE) {
      active.add(new Shopper(clock.plus(thinkTime())));
    } else {
      s.next = clock.plus(thinkTime());
      active.add(s);
    }
    return event;
  }

  private ClickEvent emit(Shopper s) {
    String eventName =
        switch (s.step) {
          case SEARCH -> EventName.SEARCH;
          case VIEW -> EventName.VIEW_CONTENT;
          case CART -> EventName.ADD_TO_CART;
          case PURCHASE -> EventName.PURCHASE;
          case DONE -> throw new IllegalStateException("shopper already done");
        };
    if (s.product == null || s.step == Step.SEARCH || s.step == Step.VIEW) {
      s.product = catalog.get(random.nextInt(catalog.size()));
    }
    double percentViewed =
        s.step == Step.VIEW ? Math.round(random.nextDouble() * 1000) / 10.0 : 0.0;
    int timeOnData = 1 + random.nextInt(120);
    sequence++;
    String clickId = String.format("%016x%016x", random.nextLong(), sequence);
    String pixel = Long.toString(Math.abs(random.nextLong() % 3_656_158_440_062_976L), 36);
    String url =
        "https://shop.example.com/"
            + (s.step == Step.SEARCH ? "search" : "p/" + s.product.productId())
            + s.source.query;
    return new ClickEvent(
        clickId,
        pixel,
        s.userId,
        s.device,
        eventName,
        clock,
        clock.plusNanos(26_000),
        s.source.ip,
        s.source.userAgent,
        url,
        s.source.referrer,
        s.product.productId(),
        s.product.price(),
        timeOnData,
        percentViewed);
  }

  private void advance(Shopper s) {
    if (--s.remainingInStep > 0) {
      return;
    }
    double p = random.nextDouble();
    switch (s.step) {
      case SEARCH -> {
        s.step = p < VIEW_AFTER_SEARCH ? Step.VIEW : Step.DONE;
        s.remainingInStep = 1 + random.nextInt(4);
      }
      case VIEW -> {
        s.step = p < CART_AFTER_VIEW ? Step.CART : Step.DONE;
        s.remainingInStep = 1;
      }
      case CART -> {
        s.step = p < PURCHASE_AFTER_CART ? Step.PURCHASE : Step.DONE;
        s.remainingInStep = 1;
      }
      default -> s.step = Step.DONE;
    }
  }

  private Duration thinkTime() {
    // exponential think time, capped at 4x the mean so a demo run shows whole funnels
    double sample = -Math.log(1 - random.nextDouble()) * meanThinkTime.toMillis();
    return Duration.ofMillis((long) Math.min(sample, 4.0 * meanThinkTime.toMillis()));
  }

  /** When the next event is due. */
  Instant nextTime() {
    return active.peek().next;
  }

  public int concurrentShoppers() {
    return concurrentShoppers;
  }
}
