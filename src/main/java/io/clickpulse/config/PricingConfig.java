package io.clickpulse.config;

import io.clickpulse.pricing.PricingRules;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The pricing policy's rules (default and per category) and the handler's settings (pricing.* keys). */
public record PricingConfig(PricingRules defaults, Map<String, PricingRules> byCategory, int maxAttempts,
    String pollerState, Duration pollInterval) {

  private static final Set<String> RULE_KEYS = Set.of("baseline-score", "surge-at", "surge-step", "decay-below",
      "decay-step", "floor", "ceiling", "max-step", "cooldown", "low-stock", "low-stock-boost", "ending");

  /** The rules for a product's category. */
  public PricingRules rules(String category) {
    return category == null ? defaults : byCategory.getOrDefault(category, defaults);
  }

  public static PricingConfig from(Settings s) {
    Map<String, String> base = new LinkedHashMap<>();
    for (String k : RULE_KEYS) {
      base.put(k, s.optional("pricing." + k).orElse(""));
    }
    PricingRules defaults = rules(base, "pricing.*");
    Map<String, PricingRules> byCategory = new LinkedHashMap<>();
    String spec = s.optional("pricing.category-rules").orElse("");
    for (String part : spec.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.indexOf(':');
      if (colon <= 0) {
        throw ConfigException.badValue("pricing.category-rules", spec, "category: key=value ...; category: key=value ...", "config");
      }
      String category = part.substring(0, colon).trim();
      Map<String, String> merged = new LinkedHashMap<>(base);
      for (String kv : part.substring(colon + 1).trim().split("\\s+")) {
        if (kv.isEmpty()) {
          continue;
        }
        String[] pair = kv.split("=", 2);
        if (pair.length != 2 || !RULE_KEYS.contains(pair[0])) {
          throw ConfigException.badValue("pricing.category-rules", kv, "key=value with a key among " + RULE_KEYS, "config");
        }
        merged.put(pair[0], pair[1]);
      }
      byCategory.put(category, rules(merged, "pricing.category-rules (" + category + ")"));
    }
    return new PricingConfig(defaults, Map.copyOf(byCategory), s.intIn("pricing.max-attempts", 1, 100),
        s.string("pricing.poller-state"), s.duration("pricing.poll-interval"));
  }

  private static PricingRules rules(Map<String, String> v, String where) {
    try {
      Duration cooldown = Settings.parseDuration(v.get("cooldown"))
          .orElseThrow(() -> ConfigException.badValue(where + " cooldown", v.get("cooldown"), "a duration such as 5min", "config"));
      String ending = v.get("ending");
      return new PricingRules(d(v, "baseline-score"), d(v, "surge-at"), d(v, "decay-below"), d(v, "surge-step"),
          d(v, "decay-step"), d(v, "floor"), d(v, "ceiling"), d(v, "max-step"), cooldown,
          Long.parseLong(v.get("low-stock")), d(v, "low-stock-boost"), ending.isEmpty() ? null : new BigDecimal(ending));
    } catch (NumberFormatException e) {
      throw new ConfigException("config " + where + ": a number is not a number: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("config " + where + ": " + e.getMessage());
    }
  }

  private static double d(Map<String, String> v, String key) {
    return Double.parseDouble(v.get(key));
  }
}
