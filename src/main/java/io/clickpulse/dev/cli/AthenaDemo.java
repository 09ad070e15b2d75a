package io.clickpulse.dev.cli;

import io.clickpulse.athena.QueryResult;
import io.clickpulse.athena.SqlEngine;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.SparkSubmitLauncher;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's batch part: the daily chain (catalog, aggregates, compaction) through spark-submit on
 * today's lake, then a few Athena views on the stack's Trino, printed as tables.
 */
final class AthenaDemo {
  /** The views the demo shows, with the query it runs on each. */
  static final Map<String, String> VIEWS = new LinkedHashMap<>();

  static {
    VIEWS.put(
        "events_by_country",
        "SELECT country, sum(events) AS events, max(users) AS users FROM events_by_country"
            + " WHERE day = current_date GROUP BY country ORDER BY events DESC, country LIMIT 5");
    VIEWS.put(
        "top_regions",
        "SELECT rank, country, region, events FROM top_regions WHERE day = current_date"
            + " ORDER BY rank, country, region LIMIT 5");
    VIEWS.put(
        "product_funnel",
        "SELECT product_id, product_name, searches, views, add_to_carts, purchases, conversion_rate"
            + " FROM product_funnel WHERE day = current_date ORDER BY purchases DESC, views DESC, product_id LIMIT 5");
    VIEWS.put(
        "sessions_by_duration",
        "SELECT duration_bucket, device_id, sessions, total_duration_sec FROM sessions_by_duration"
            + " WHERE day = current_date ORDER BY bucket_order, device_id");
    VIEWS.put(
        "last_search_per_user",
        "SELECT user_id, user_name, last_search_time, geo_country FROM last_search_per_user"
            + " ORDER BY last_search_time DESC, user_id LIMIT 3");
    VIEWS.put("events_today", "SELECT count(*) AS events FROM events_today");
    VIEWS.put(
        "clicks_by_element",
        "SELECT element_clicked, restaurant_name, sum(clicks) AS clicks FROM clicks_by_element"
            + " WHERE day = current_date GROUP BY 1, 2 ORDER BY clicks DESC, 1, 2 LIMIT 5");
    VIEWS.put(
        "events_by_city",
        "SELECT country, city, sum(events) AS events FROM events_by_city WHERE day = current_date"
            + " GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT 5");
    VIEWS.put(
        "last_access_per_user",
        "SELECT user_id, user_name, last_access_time, country, city, device_id"
            + " FROM last_access_per_user ORDER BY last_access_time DESC, user_id LIMIT 3");
    VIEWS.put(
        "sessions_this_month",
        "SELECT device_id, count(*) AS sessions FROM sessions_this_month GROUP BY 1 ORDER BY 1");
    VIEWS.put(
        "stagger_sessions_by_duration",
        "SELECT duration_sec, sum(sessions) AS sessions FROM stagger_sessions_by_duration"
            + " WHERE day = current_date GROUP BY 1 ORDER BY sessions DESC, 1 LIMIT 5");
  }

  private AthenaDemo() {}

  static Map<String, Object> run(
      ClickpulseConfig config,
      List<String> withEndpoints,
      SparkSubmitLauncher launcher,
      Path demoDir)
      throws InterruptedException {
    Map<String, Object> out = new LinkedHashMap<>();
    Path log = demoDir.resolve("daily-job.log");
    List<String> args = new ArrayList<>(withEndpoints);
    args.addAll(List.of("--batch.date", LocalDate.now(ZoneOffset.UTC).toString()));
    System.out.println(
        "demo: running the daily batch chain (catalog, aggregates, compaction; log in "
            + log
            + ")");
    Process daily = launcher.start(JobCatalog.mainClass("daily"), args, log);
    // a job past 10 minutes is killed and reported by its exit code, not left to crash the demo
    int exit =
        daily.waitFor(10, TimeUnit.MINUTES) ? daily.exitValue() : daily.destroyForcibly().waitFor();
    out.put("daily_job_exit_code", exit);
    out.put("daily_job_log", log.toString());
    Map<String, Object> views = new LinkedHashMap<>();
    out.put("views", views);
    if (exit == 0) {
      try (SqlEngine engine = SqlEngine.from(config.batch(), config.aws())) {
        for (Map.Entry<String, String> v : VIEWS.entrySet()) {
          QueryResult r = engine.execute(v.getValue());
          System.out.println("demo: Athena view " + v.getKey() + " (on Trino): " + v.getValue());
          System.out.println(r.toTable().indent(4).stripTrailing());
          views.put(
              v.getKey(), Map.of("query", v.getValue(), "columns", r.columns(), "rows", r.rows()));
        }
      }
      Path page =
          DashboardCommand.render(
              Path.of(System.getProperty("clickpulse.projectDir", ".")),
              config,
              demoDir.resolve("dashboard.html"));
      System.out.println("demo: the QuickSight dashboard, previewed with the demo's data: " + page);
      out.put("dashboard_preview", page.toString());
    }
    return out;
  }
}
