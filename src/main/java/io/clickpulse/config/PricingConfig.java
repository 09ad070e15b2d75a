package io.clickpulse.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The pricing policy's rules (default and per category) and the handler's settings (pricing.*
 * keys).
 */
public record PricingConfig(
    PricingRules defaults,
    Map<String, PricingRules> byCategory,
    int maxAttempts,
    String pollerState,
    Duration pollInterval) {

  private static final Set<String> RULE_KEYS =
      Set.of(
          "baseline-score",
          "surge-at",
          "surge-step",
          "decay-below",
          "decay-step",
          "floor",
          "ceiling",
          "max-step",
          "cooldown",
          "low-stock",
          "low-stock-boost",
          "ending");

  /** The rules for a product's category. */
  public PricingRules rules(String category) {
    return category == null ? defaults : byCategory.getOrDefault(category, defaults);
  }

  public static PricingConfig from(Settings s) {
    Map<String, String> base = new LinkedHashMap<>();
    for (String k : RULE_KEYS) {
      base.put(k, s.optional("pricing." + k).orElse(""));
    }
    PricingRules defaults =
        rules(base, "pricing.*", k -> "pricing." + k, k -> s.source("pricing." + k));
    Map<String, PricingRules> byCategory = new LinkedHashMap<>();
    String spec = s.optional("pricing.category-rules").orElse("");
    for (String part : spec.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.indexOf(':');
      if (colon <= 0) {
        throw ConfigException.badValue(
            "pricing.category-rules",
            spec,
            "category: key=value ...; category: key=value ...",
            s.source("pricing.category-rules"));
      }
      String category = part.substring(0, colon).trim();
      Map<String, String> merged = new LinkedHashMap<>(base);
      Set<String> overridden = new HashSet<>();
      for (String kv : part.substring(colon + 1).trim().split("\\s+")) {
        if (kv.isEmpty()) {
          continue;
        }
        String[] pair = kv.split("=", 2);
        if (pair.length != 2 || !RULE_KEYS.contains(pair[0])) {
          throw ConfigException.badValue(
              "pricing.category-rules",
              kv,
              "key=value with a key among " + RULE_KEYS,
              s.source("pricing.category-rules"));
        }
        merged.put(pair[0], pair[1]);
        overridden.add(pair[0]);
      }
      byCategory.put(
          category,
          rules(
              merged,
              "pricing.category-rules (" + category + ")",
              k ->
                  overridden.contains(k)
                      ? "pricing.category-rules (" + category + ": " + k + ")"
                      : "pricing." + k,
              k -> s.source(overridden.contains(k) ? "pricing.category-rules" : "pricing." + k)));
    }
    return new PricingConfig(
        defaults,
        Map.copyOf(byCategory),
        s.intIn("pricing.max-attempts", 1, 100),
        s.string("pricing.poller-state"),
        s.positiveDuration("pricing.poll-interval"));
  }

  /**
   * The rules from their text values; {@code keyOf} names the key a value came from in messages
   * (pricing.surge-at, or the category rule that overrides it), {@code sourceOf} its source.
   */
  private static PricingRules rules(
      Map<String, String> v,
      String where,
      UnaryOperator<String> keyOf,
      UnaryOperator<String> sourceOf) {
    try {
      Duration cooldown =
          Settings.checkedDuration(
              keyOf.apply("cooldown"), v.get("cooldown"), sourceOf.apply("cooldown"), false);
      String ending = v.get("ending");
      long lowStock = Long.parseLong(v.get("low-stock"));
      if (lowStock < 0) {
        throw ConfigException.badValue(
            keyOf.apply("low-stock"),
            v.get("low-stock"),
            "a stock count of 0 or more",
            sourceOf.apply("low-stock"));
      }
      Function<String, Double> d =
          k -> {
            double x = Double.parseDouble(v.get(k));
            if (!Double.isFinite(x)) {
              throw ConfigException.badValue(
                  keyOf.apply(k), v.get(k), "a finite number", sourceOf.apply(k));
            }
            return x;
          };
      return PricingRules.builder()
          .baselineScore(d.apply("baseline-score"))
          .surgeAt(d.apply("surge-at"))
          .surgeStep(d.apply("surge-step"))
          .decayBelow(d.apply("decay-below"))
          .decayStep(d.apply("decay-step"))
          .floor(d.apply("floor"))
          .ceiling(d.apply("ceiling"))
          .maxStep(d.apply("max-step"))
          .cooldown(cooldown)
          .lowStock(lowStock)
          .lowStockBoost(d.apply("low-stock-boost"))
          .ending(ending.isEmpty() ? null : new BigDecimal(ending))
          .build();
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "config " + where + ": a number is not a number: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("config " + where + ": " + e.getMessage());
    }
  }
}
