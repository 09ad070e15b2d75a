package io.clickpulse.cli;

import io.clickpulse.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The jobs {@code clickpulse run NAME} knows, by the name a user types. */
final class JobCatalog {
  private static final Map<String, String> JOBS = new TreeMap<>(Map.of(
      "streaming", "io.clickpulse.jobs.StreamingJob"));

  private JobCatalog() {}

  static List<String> names() {
    return List.copyOf(JOBS.keySet());
  }

  static String mainClass(String name) {
    String cls = JOBS.get(name);
    if (cls == null) {
      throw new ConfigException("unknown job '" + name + "'; jobs: " + String.join(", ", JOBS.keySet()));
    }
    return cls;
  }
}
