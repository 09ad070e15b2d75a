package io.clickpulse.dev.generate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Diners on a restaurant ordering page: a visit opens a restaurant, browses its menu, adds dishes
 * to the order, views the cart, and may check out and place the order. Some diners are signed in (a
 * seeded user id), the others are guests. Each click reports the seconds since the visit's previous
 * click.
 */
final class RestaurantSimulation extends VisitSimulation<RestaurantSimulation.Diner> {
  /** The page's clickable elements (element_clicked). */
  static final String RESTAURANT_CARD = "restaurant_card";

  static final String MENU_CATEGORY = "menu_category";
  static final String MENU_ITEM = "menu_item";
  static final String ADD_TO_ORDER = "add_to_order";
  static final String VIEW_CART = "view_cart";
  static final String CHECKOUT_BUTTON = "checkout_button";
  static final String PLACE_ORDER = "place_order";

  static final String[] RESTAURANTS = {
    "Bella Napoli",
    "Sushi Kaito",
    "Taqueria Luz",
    "Curry Leaf",
    "Le Petit Bistro",
    "Burger Barn",
    "Pho Saigon",
    "Green Bowl"
  };

  /** Share of diners who are signed in. */
  static final double SIGNED_IN = 0.7;

  static final double ADD_AFTER_BROWSE = 0.6;
  static final double MORE_AFTER_ADD = 0.4;
  static final double CHECKOUT_AFTER_CART = 0.7;
  static final double ORDER_AFTER_CHECKOUT = 0.85;

  private enum Step {
    CARD,
    BROWSE,
    ADD,
    CART,
    CHECKOUT,
    ORDER
  }

  final class Diner extends VisitSimulation.Visit {
    final String userId;
    final String visitorId;
    final String restaurant;
    final TrafficSource source;
    Step step = Step.CARD;
    int remainingInStep = 1;
    Instant lastClick;

    Diner() {
      userId = random.nextDouble() < SIGNED_IN ? String.valueOf(1 + random.nextInt(users)) : null;
      visitorId = String.format("guest-%016x", random.nextLong());
      restaurant = RESTAURANTS[random.nextInt(RESTAURANTS.length)];
      source = new TrafficSource(traffic);
    }
  }

  private final int users;

  RestaurantSimulation(
      long seed, int users, Instant start, int eventsPerSecond, Duration meanThinkTime) {
    super(seed, start, eventsPerSecond, meanThinkTime, ChronoUnit.MILLIS);
    this.users = users;
  }

  @Override
  Diner newVisit() {
    return new Diner();
  }

  @Override
  SimulatedEvent emit(Diner v, Instant at) {
    String element =
        switch (v.step) {
          case CARD -> RESTAURANT_CARD;
          case BROWSE -> random.nextInt(3) == 0 ? MENU_CATEGORY : MENU_ITEM;
          case ADD -> ADD_TO_ORDER;
          case CART -> VIEW_CART;
          case CHECKOUT -> CHECKOUT_BUTTON;
          case ORDER -> PLACE_ORDER;
        };
    // seconds on the page before this click: since the previous one, or a first look around
    double spent =
        v.lastClick == null
            ? 2 + random.nextInt(180) / 10.0
            : Duration.between(v.lastClick, at).toMillis() / 1000.0;
    v.lastClick = at;
    String slug = v.restaurant.toLowerCase().replace(' ', '-');
    String page =
        "https://order.example.com/r/"
            + slug
            + (v.step == Step.CARD ? "" : v.step.compareTo(Step.CART) >= 0 ? "/cart" : "/menu")
            + v.source.query;
    return new UiClick(
        element,
        Math.round(spent * 10) / 10.0,
        v.restaurant,
        at,
        v.userId,
        v.visitorId,
        v.source.ip,
        v.source.userAgent,
        page,
        v.source.referrer);
  }

  @Override
  boolean advance(Diner v) {
    if (--v.remainingInStep > 0) {
      return true;
    }
    double p = random.nextDouble();
    Step next =
        switch (v.step) {
          case CARD -> Step.BROWSE;
          case BROWSE -> p < ADD_AFTER_BROWSE ? Step.ADD : null;
          case ADD -> p < MORE_AFTER_ADD ? Step.BROWSE : Step.CART;
          case CART -> p < CHECKOUT_AFTER_CART ? Step.CHECKOUT : null;
          case CHECKOUT -> p < ORDER_AFTER_CHECKOUT ? Step.ORDER : null;
          case ORDER -> null;
        };
    if (next == null) {
      return false;
    }
    v.step = next;
    v.remainingInStep = next == Step.BROWSE ? 1 + random.nextInt(4) : 1;
    return true;
  }
}
