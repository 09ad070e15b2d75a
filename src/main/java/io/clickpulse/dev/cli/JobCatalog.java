package io.clickpulse.dev.cli;

import io.clickpulse.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The jobs {@code clickpulse run NAME} knows, by the name a user types. */
final class JobCatalog {
  private static final Map<String, String> JOBS =
      new TreeMap<>(
          Map.of(
              "streaming", "io.clickpulse.streaming.StreamingJob",
              "sessions", "io.clickpulse.batch.SessionsJob",
              "flatten", "io.clickpulse.batch.FlattenJob",
              "aggregate", "io.clickpulse.batch.AggregateJob",
              "compaction", "io.clickpulse.batch.CompactionJob",
              "catalog", "io.clickpulse.batch.CatalogJob",
              "daily", "io.clickpulse.batch.DailyJob"));
  private static final Map<String, String> BATCH_RANGE =
      Map.of("date", "batch.date", "hour", "batch.hour", "from", "batch.from", "to", "batch.to");

  /**
   * Short argument names per job: {@code --from} is {@code --sessions.from} for the sessions job.
   */
  private static final Map<String, Map<String, String>> SHORT_NAMES =
      Map.of(
          "sessions",
          Map.of("from", "sessions.from", "to", "sessions.to"),
          "flatten",
          BATCH_RANGE,
          "aggregate",
          BATCH_RANGE,
          "compaction",
          BATCH_RANGE,
          "catalog",
          BATCH_RANGE,
          "daily",
          BATCH_RANGE);

  private JobCatalog() {}

  static List<String> names() {
    return List.copyOf(JOBS.keySet());
  }

  /** The arguments with a job's short names replaced by the config keys they stand for. */
  static List<String> expandShortNames(String job, List<String> args) {
    Map<String, String> names = SHORT_NAMES.getOrDefault(job, Map.of());
    return args.stream()
        .map(
            a -> {
              if (!a.startsWith("--")) {
                return a;
              }
              String key = a.substring(2);
              int eq = key.indexOf('=');
              String name = eq < 0 ? key : key.substring(0, eq);
              String full = names.get(name);
              return full == null ? a : "--" + full + (eq < 0 ? "" : key.substring(eq));
            })
        .toList();
  }

  static String mainClass(String name) {
    String cls = JOBS.get(name);
    if (cls == null) {
      throw new ConfigException(
          "unknown job '" + name + "'; jobs: " + String.join(", ", JOBS.keySet()));
    }
    return cls;
  }
}
