package io.clickpulse.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The resolved key/value settings with the one precedence order: job argument &gt; profile &gt;
 * defaults ({@code conf/clickpulse-defaults.properties}, the documented reference). Typed getters
 * fail with a {@link ConfigException} naming the key, its value and where the value came from. Jobs
 * read these into typed records once, at start; nothing passes string maps around.
 */
public final class Settings {
  public static final String DEFAULTS_RESOURCE = "clickpulse/conf/clickpulse-defaults.properties";
  static final String PROFILE_KEY = "profile";

  private record Value(String value, String source) {}

  private final Map<String, Value> values;

  private Settings(Map<String, Value> values) {
    this.values = values;
  }

  /**
   * Defaults, then the profile named by {@code --profile} (default {@code local}), then arguments.
   */
  public static Settings resolve(JobArguments args) {
    Map<String, Value> merged = new LinkedHashMap<>();
    loadResource(DEFAULTS_RESOURCE).forEach((k, v) -> merged.put(k, new Value(v, "default")));
    String profile = args.values().getOrDefault(PROFILE_KEY, "local");
    String profileSource = "profile " + profile;
    loadProfile(profile).forEach((k, v) -> put(merged, k, v, profileSource));
    args.values()
        .forEach(
            (k, v) -> {
              if (!k.equals(PROFILE_KEY)) {
                put(merged, k, v, "argument --" + k);
              }
            });
    merged.put(PROFILE_KEY, new Value(profile, "argument --profile"));
    return new Settings(merged);
  }

  private static void put(Map<String, Value> merged, String key, String value, String source) {
    if (!merged.containsKey(key)) {
      throw new ConfigException(
          "unknown config key '"
              + key
              + "' (from "
              + source
              + "); every key is listed in conf/clickpulse-defaults.properties");
    }
    merged.put(key, new Value(value.trim(), source));
  }

  static Map<String, String> loadProfile(String profile) {
    if (profile.endsWith(".properties") || profile.contains("/")) {
      Path file = Path.of(profile);
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("config key 'profile': file not found: " + file.toAbsolutePath());
      }
      try {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new ConfigException(
            "config key 'profile': cannot read " + file + ": " + e.getMessage());
      }
    }
    if (!profile.matches("[A-Za-z0-9_-]+")) {
      throw ConfigException.badValue(
          PROFILE_KEY, profile, "a profile name or a .properties path", "argument --profile");
    }
    String resource = "clickpulse/conf/" + profile + ".properties";
    if (Settings.class.getClassLoader().getResource(resource) == null) {
      throw new ConfigException(
          "config key 'profile': no profile named '"
              + profile
              + "' (known: local, aws; or pass a path to a .properties file)");
    }
    return loadResource(resource);
  }

  private static Map<String, String> loadResource(String resource) {
    try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + resource + " (is the jar built from this tree?)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  private static Map<String, String> parse(String text) throws IOException {
    Properties p = new Properties();
    try (Reader r = new StringReader(text)) {
      p.load(r);
    }
    Map<String, String> out = new TreeMap<>();
    p.forEach((k, v) -> out.put(k.toString(), v.toString().trim()));
    return out;
  }

  private Value raw(String key) {
    Value v = values.get(key);
    if (v == null) {
      // a programming error: code asked for a key the reference file does not define
      throw new IllegalArgumentException(
          "config key '" + key + "' is not defined in " + DEFAULTS_RESOURCE);
    }
    return v;
  }

  public String string(String key) {
    Value v = raw(key);
    if (v.value().isEmpty()) {
      throw new ConfigException(
          "config key '" + key + "' is required (from " + v.source() + ": empty)");
    }
    return v.value();
  }

  public Optional<String> optional(String key) {
    String v = raw(key).value();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** A comma-separated list, trimmed, without empty items (empty value = empty list). */
  public List<String> list(String key) {
    return Arrays.stream(raw(key).value().split(","))
        .map(String::trim)
        .filter(x -> !x.isEmpty())
        .toList();
  }

  public int intIn(String key, int min, int max) {
    Value v = raw(key);
    try {
      int n = Integer.parseInt(v.value());
      if (n < min || n > max) {
        throw ConfigException.badValue(
            key, v.value(), "an integer in [" + min + ", " + max + "]", v.source());
      }
      return n;
    } catch (NumberFormatException e) {
      throw ConfigException.badValue(
          key, v.value(), "an integer in [" + min + ", " + max + "]", v.source());
    }
  }

  public boolean bool(String key) {
    Value v = raw(key);
    return switch (v.value().toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ConfigException.badValue(key, v.value(), "true or false", v.source());
    };
  }

  /** A value from a fixed set (case-insensitive), returned in lower case. */
  public String oneOf(String key, String... allowed) {
    Value v = raw(key);
    String lower = v.value().toLowerCase();
    if (!List.of(allowed).contains(lower)) {
      throw ConfigException.badValue(
          key, v.value(), "one of " + String.join(", ", allowed), v.source());
    }
    return lower;
  }

  /**
   * A mode as an enum constant, parsed at start: the value is the constant's {@link #modeName}
   * (case-insensitive). Anything else fails naming the key, the value, its source and every allowed
   * value.
   */
  public <E extends Enum<E>> E mode(String key, Class<E> type) {
    Value v = raw(key);
    E[] constants = type.getEnumConstants();
    for (E c : constants) {
      if (modeName(c).equalsIgnoreCase(v.value())) {
        return c;
      }
    }
    String allowed =
        Arrays.stream(constants).map(Settings::modeName).collect(Collectors.joining(", "));
    throw ConfigException.badValue(key, v.value(), "one of " + allowed, v.source());
  }

  /**
   * How a mode is spelled in config: its {@link ConfigMode#configName}, else its name in lower case
   * with hyphens.
   */
  public static String modeName(Enum<?> mode) {
    return mode instanceof ConfigMode m
        ? m.configName()
        : mode.name().toLowerCase().replace('_', '-');
  }

  public long longValue(String key) {
    Value v = raw(key);
    try {
      return Long.parseLong(v.value());
    } catch (NumberFormatException e) {
      throw ConfigException.badValue(key, v.value(), "an integer", v.source());
    }
  }

  public double share(String key) {
    return doubleIn(key, 0.0, 1.0, "a share between 0 and 1");
  }

  /** A finite number in [min, max] (NaN and infinities are refused). */
  public double doubleIn(String key, double min, double max, String expected) {
    Value v = raw(key);
    try {
      double d = Double.parseDouble(v.value());
      if (!Double.isFinite(d) || d < min || d > max) {
        throw ConfigException.badValue(key, v.value(), expected, v.source());
      }
      return d;
    } catch (NumberFormatException e) {
      throw ConfigException.badValue(key, v.value(), expected, v.source());
    }
  }

  /**
   * The longest duration any key takes: its nanoseconds, and deadlines built from it, fit a long.
   */
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  /**
   * A duration of zero or more (at most {@link #MAX_DURATION}): ISO-8601 (PT30S) or a number with a
   * unit: 500ms, 30s, 5min, 2h, 1d. Negative and overflowing values fail naming the key.
   */
  public Duration duration(String key) {
    Value v = raw(key);
    return checkedDuration(key, v.value(), v.source(), false);
  }

  /** A duration above zero (at most {@link #MAX_DURATION}), for keys where zero makes no sense. */
  public Duration positiveDuration(String key) {
    Value v = raw(key);
    return checkedDuration(key, v.value(), v.source(), true);
  }

  /**
   * Where a key's value came from ("default", "profile local", "argument --key"), for cross-key
   * checks.
   */
  public String source(String key) {
    return raw(key).source();
  }

  /** The value as given (trimmed), for messages of cross-key checks. */
  public String rawValue(String key) {
    return raw(key).value();
  }

  /**
   * Parses and range-checks a duration of {@code key}: not a duration, too large (also values whose
   * arithmetic overflows), negative, or zero when {@code positive} each fail with a {@link
   * ConfigException} naming the key, the value and its source.
   */
  static Duration checkedDuration(String key, String text, String source, boolean positive) {
    String range = positive ? "above zero" : "zero or more";
    Duration d;
    try {
      d =
          parseDurationStrict(text)
              .orElseThrow(
                  () ->
                      ConfigException.badValue(
                          key, text, "a duration such as 30s, 5min, 2h or PT30S", source));
    } catch (ArithmeticException e) {
      throw ConfigException.badValue(
          key,
          text,
          "a duration of at most " + MAX_DURATION.toDays() + "d (this one overflows)",
          source);
    }
    if (d.isNegative()) {
      throw ConfigException.badValue(
          key, text, "a duration " + range + " (this one is negative)", source);
    }
    if (positive && d.isZero()) {
      throw ConfigException.badValue(key, text, "a duration above zero", source);
    }
    if (d.compareTo(MAX_DURATION) > 0) {
      throw ConfigException.badValue(
          key, text, "a duration of at most " + MAX_DURATION.toDays() + "d", source);
    }
    return d;
  }

  /** The duration, or empty when the text is not one (overflow counts as not one here). */
  static Optional<Duration> parseDuration(String text) {
    try {
      return parseDurationStrict(text);
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * Empty when the text is no duration; {@link ArithmeticException} when it is one too large for a
   * Duration.
   */
  private static Optional<Duration> parseDurationStrict(String text) {
    String s = text.trim().toLowerCase();
    if (s.startsWith("p") || s.startsWith("-p") || s.startsWith("+p")) {
      try {
        return Optional.of(Duration.parse(text.trim().toUpperCase()));
      } catch (DateTimeParseException e) {
        // Duration.parse reports an overflow as a parse error whose cause is the arithmetic failure
        // (an ArithmeticException, or a NumberFormatException for more digits than a long holds)
        if (e.getCause() instanceof ArithmeticException
            || e.getCause() instanceof NumberFormatException) {
          throw new ArithmeticException(e.getMessage());
        }
        return Optional.empty();
      }
    }
    var m = DURATION_WITH_UNIT.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new ArithmeticException(
          "more digits than a long holds: " + m.group(1)); // the pattern allows digits only
    }
    return Optional.of(
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s", "sec", "seconds" -> Duration.ofSeconds(n);
          case "min", "minutes", "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
  }

  private static final Pattern DURATION_WITH_UNIT =
      Pattern.compile("(\\d+)\\s*(ms|s|sec|seconds|min|minutes|m|h|d)");

  public Optional<Instant> optionalInstant(String key) {
    Value v = raw(key);
    if (v.value().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v.value()));
    } catch (DateTimeParseException e) {
      throw ConfigException.badValue(
          key, v.value(), "an ISO-8601 instant such as 2026-01-01T10:00:00Z", v.source());
    }
  }

  public Optional<URI> optionalEndpoint(String key) {
    Value v = raw(key);
    if (v.value().isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(v.value());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw ConfigException.badValue(
            key, v.value(), "an http(s) URL such as http://127.0.0.1:4566", v.source());
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw ConfigException.badValue(
          key, v.value(), "an http(s) URL such as http://127.0.0.1:4566", v.source());
    }
  }

  public String profile() {
    return values.get(PROFILE_KEY).value();
  }

  /** Every key with its effective value and where it came from, for {@code clickpulse config}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(values)
        .forEach(
            (k, v) -> {
              boolean secret = k.contains("secret");
              sb.append(
                  String.format(
                      "%-36s = %-32s (%s)%n",
                      k, secret && !v.value().isEmpty() ? "****" : v.value(), v.source()));
            });
    return sb.toString();
  }
}
