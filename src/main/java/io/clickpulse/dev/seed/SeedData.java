package io.clickpulse.dev.seed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's product catalog, users and order history, derived only from {@link SeedConfig}: the
 * same seed gives the same data, so re-running bootstrap rewrites identical items.
 */
public record SeedData(List<Product> products, List<User> users, List<Order> orders) {
  /** First product id; ids are consecutive, so tests can name an id that is not in the catalog. */
  public static final long FIRST_PRODUCT_ID = 100_001L;

  private static final String[][] CATEGORIES = {
    {"electronics", "Headphones", "Speaker", "Charger", "Smartwatch", "Tablet", "Camera"},
    {"home", "Lamp", "Kettle", "Blender", "Rug", "Pillow", "Vase"},
    {"fashion", "Sneakers", "Jacket", "Scarf", "Backpack", "Sunglasses", "Belt"},
    {
      "travel",
      "Suitcase",
      "Neck pillow",
      "Travel adapter",
      "Packing cubes",
      "Daypack",
      "Luggage tag"
    },
    {"books", "Cookbook", "Novel", "Atlas", "Field guide", "Comic", "Biography"}
  };
  private static final String[] ADJECTIVES = {
    "Classic", "Pro", "Mini", "Eco", "Deluxe", "Smart", "Urban", "Nordic"
  };
  private static final String[] FIRST = {
    "Ada", "Ben", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Luca", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sami", "Tariq"
  };
  private static final String[] LAST = {
    "Ryan",
    "Okafor",
    "Silva",
    "Novak",
    "Tanaka",
    "Berg",
    "Haddad",
    "Kowalski",
    "Moreau",
    "Singh",
    "Costa",
    "Fischer",
    "Lopez",
    "Ivanova",
    "Chen"
  };
  private static final String[] SEGMENTS = {"new", "regular", "loyal", "bargain-hunter"};

  public static SeedData generate(SeedConfig config, Instant now) {
    Random random = new Random(config.randomSeed());
    List<Product> products = new ArrayList<>(config.products());
    for (int i = 0; i < config.products(); i++) {
      String[] category = CATEGORIES[i % CATEGORIES.length];
      String name =
          ADJECTIVES[random.nextInt(ADJECTIVES.length)]
              + " "
              + category[1 + random.nextInt(category.length - 1)];
      BigDecimal base =
          BigDecimal.valueOf(5 + random.nextInt(49_500), 2)
              .add(BigDecimal.valueOf(random.nextInt(300)))
              .setScale(2, RoundingMode.HALF_UP);
      products.add(
          new Product(
              FIRST_PRODUCT_ID + i, name, category[0], base, base, 20 + random.nextInt(480)));
    }
    List<User> users = new ArrayList<>(config.users());
    for (int i = 1; i <= config.users(); i++) {
      users.add(
          new User(
              String.valueOf(i),
              FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)],
              SEGMENTS[random.nextInt(SEGMENTS.length)]));
    }
    // orders spread over the 7 days before 'now' (truncated to the hour so reruns match)
    Instant end = now.truncatedTo(ChronoUnit.HOURS);
    List<Order> orders = new ArrayList<>(config.orders());
    for (int i = 1; i <= config.orders(); i++) {
      Product p = products.get(random.nextInt(products.size()));
      Instant at = end.minus(Duration.ofSeconds(random.nextInt(7 * 24 * 3600)));
      orders.add(
          new Order(
              String.format("O%07d", i),
              p.productId(),
              String.valueOf(1 + random.nextInt(config.users())),
              1 + random.nextInt(3),
              p.basePrice(),
              at));
    }
    return new SeedData(List.copyOf(products), List.copyOf(users), List.copyOf(orders));
  }
}
