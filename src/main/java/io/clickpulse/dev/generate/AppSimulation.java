package io.clickpulse.dev.generate;

import io.clickpulse.dev.seed.Product;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Signed-in users of the beer shop app on their phones and tablets: a session browses the shop
 * window and the beer list, opens a few beers, may put one in the cart and check out. Each user
 * owns a phone and perhaps a tablet (stable for a seed); the tracker names the device by its kind,
 * {@code mobile} or {@code tablet}, as the source's app did (and as the pixel tracker does), so
 * sessions are per user and device kind and the views by device stay a handful of rows.
 */
final class AppSimulation extends VisitSimulation<AppSimulation.Session> {
  /** The app's event names (client_event), as the beer shop's tracker sends them. */
  static final String VITRINE = "beer_vitrine_nav";

  static final String PRODUCTS = "beer_products";
  static final String PRODUCT_DETAIL = "beer_product_detail";
  static final String CART = "beer_cart";
  static final String CHECKOUT = "beer_checkout";

  static final double LIST_AFTER_VITRINE = 0.9;
  static final double DETAIL_AFTER_LIST = 0.8;
  static final double CART_AFTER_DETAIL = 0.4;
  static final double CHECKOUT_AFTER_CART = 0.6;

  /** Share of users who also use the app on a tablet. */
  static final double OWNS_A_TABLET = 0.4;

  /** A device model: its device_id (the device kind) and the user agent of the app's web view. */
  enum Platform {
    IPHONE(
        "mobile",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 BeerShop/4.2.0"),
    IPAD(
        "tablet",
        "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 BeerShop/4.1.3"),
    ANDROID(
        "mobile",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 BeerShop/4.2.0"),
    ANDROID_TABLET(
        "tablet",
        "Mozilla/5.0 (Linux; Android 13; SM-X700 Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Safari/537.36 BeerShop/4.1.3");

    final String deviceId;
    final String userAgent;

    Platform(String deviceId, String userAgent) {
      this.deviceId = deviceId;
      this.userAgent = userAgent;
    }
  }

  /** One of a user's devices. */
  record Device(String id, Platform platform) {}

  private enum Step {
    VITRINE,
    LIST,
    DETAIL,
    CART,
    CHECKOUT
  }

  final class Session extends VisitSimulation.Visit {
    final String userId;
    final Device device;
    final String ip;
    Step step = Step.VITRINE;
    int remainingInStep;
    Product product;

    Session() {
      userId = String.valueOf(1 + random.nextInt(users));
      List<Device> owned = devices(userId);
      device = owned.get(random.nextInt(owned.size()));
      ip = new TrafficSource(traffic).ip;
      remainingInStep = 1 + random.nextInt(2);
    }
  }

  private final long seed;
  private final List<Product> catalog;
  private final int users;

  AppSimulation(
      long seed,
      List<Product> catalog,
      int users,
      Instant start,
      int eventsPerSecond,
      Duration meanThinkTime) {
    super(seed, start, eventsPerSecond, meanThinkTime, ChronoUnit.MICROS);
    if (catalog.isEmpty()) {
      throw new IllegalArgumentException("the product catalog is empty: run bootstrap first");
    }
    this.seed = seed;
    this.catalog = List.copyOf(catalog);
    this.users = users;
  }

  /**
   * The user's devices: a phone (an iPhone or an Android one) and, for some, a tablet; the same for
   * a seed and user whenever asked.
   */
  List<Device> devices(String userId) {
    // SplittableRandom mixes its seed: java.util.Random's first draws follow neighbouring seeds
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + Long.parseLong(userId));
    List<Device> out = new ArrayList<>(2);
    Platform phone = r.nextBoolean() ? Platform.IPHONE : Platform.ANDROID;
    out.add(new Device(phone.deviceId, phone));
    if (r.nextDouble() < OWNS_A_TABLET) {
      Platform tablet = r.nextBoolean() ? Platform.IPAD : Platform.ANDROID_TABLET;
      out.add(new Device(tablet.deviceId, tablet));
    }
    return out;
  }

  @Override
  Session newVisit() {
    return new Session();
  }

  @Override
  SimulatedEvent emit(Session s, Instant at) {
    String name =
        switch (s.step) {
          case VITRINE -> VITRINE;
          case LIST -> PRODUCTS;
          case DETAIL -> PRODUCT_DETAIL;
          case CART -> CART;
          case CHECKOUT -> CHECKOUT;
        };
    if (s.step == Step.DETAIL) {
      s.product = catalog.get(random.nextInt(catalog.size()));
    }
    Long product =
        s.step == Step.DETAIL || s.step == Step.CART || s.step == Step.CHECKOUT
            ? s.product.productId()
            : null;
    return new AppEvent(
        s.userId, s.device.id(), name, at, product, s.ip, s.device.platform().userAgent);
  }

  @Override
  boolean advance(Session s) {
    if (--s.remainingInStep > 0) {
      return true;
    }
    double p = random.nextDouble();
    Step next =
        switch (s.step) {
          case VITRINE -> p < LIST_AFTER_VITRINE ? Step.LIST : null;
          case LIST -> p < DETAIL_AFTER_LIST ? Step.DETAIL : null;
          case DETAIL -> p < CART_AFTER_DETAIL ? Step.CART : null;
          case CART -> p < CHECKOUT_AFTER_CART ? Step.CHECKOUT : null;
          case CHECKOUT -> null;
        };
    if (next == null) {
      return false;
    }
    s.step = next;
    s.remainingInStep =
        switch (next) {
          case LIST -> 1 + random.nextInt(2);
          case DETAIL -> 1 + random.nextInt(3);
          default -> 1;
        };
    return true;
  }
}
