package io.clickpulse.dev.cli;

import static org.apache.spark.sql.functions.sum;

import io.clickpulse.batch.SessionsJob;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.session.SessionStore;
import io.clickpulse.sink.LakeDataset;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The demo's stagger mode: the sessions re-run ({@link SessionsJob}) in stagger mode over the
 * demo's raw archive, once per step of the KDA SQL (1 min, then 30 s), as a user who wants the gap
 * sessions live and the KDA-compatible rows too would run it. Each run replaces the range's
 * stagger_sessions/ hours (the table has no step column, as the KDA output had none), so the lake
 * keeps the last run's rows, the 30 s step's; the DynamoDB items of both steps stay, their keys
 * naming the step.
 */
final class StaggerDemo {
  static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofSeconds(30));

  private StaggerDemo() {}

  /** Runs both steps over the whole hours around [start, end); returns the summary's section. */
  static Map<String, Object> run(
      SparkSession spark, List<String> args, Instant start, Instant end, DynamoDbClient dynamo) {
    Instant from = start.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    Instant to = end.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    Map<String, Object> steps = new LinkedHashMap<>();
    ClickpulseConfig last = null;
    for (Duration step : STEPS) {
      List<String> a = new ArrayList<>(args);
      a.addAll(
          List.of(
              "--sessions.mode",
              "stagger",
              "--sessions.stagger-step",
              step.toSeconds() + "s",
              "--sessions.from",
              from.toString(),
              "--sessions.to",
              to.toString()));
      ClickpulseConfig config = ClickpulseConfig.fromArgs(a);
      SessionsJob.Result r = SessionsJob.run(spark, config);
      Row lake =
          LakeDataset.STAGGER_SESSIONS
              .read(spark, LakeDataset.STAGGER_SESSIONS.uri(config.lake()))
              .agg(sum("events"))
              .first();
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("rows", r.sessions());
      s.put("events_in_rows", lake.isNullAt(0) ? 0L : lake.getLong(0));
      s.put("short_session_alerts", r.alerts());
      s.put("alerts_delivered", r.alertsDelivered());
      s.put("dynamodb_items_put", r.items());
      s.put("dynamodb_items", items(dynamo, config.tables().sessions(), step));
      steps.put(step.toSeconds() + "s", s);
      last = config;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("how", "SessionsJob in stagger mode over raw/ (./clickpulse run sessions)");
    out.put("from", from.toString());
    out.put("to", to.toString());
    out.put("alert_threshold", last.sessions().shortSessionAlert().toString());
    out.put("lake_holds_step", "30s");
    out.put("steps", steps);
    return out;
  }

  /** Items of the sessions table that are stagger windows of {@code step}. */
  static long items(DynamoDbClient dynamo, String table, Duration step) {
    long n = 0;
    for (var page :
        dynamo.scanPaginator(
            b ->
                b.tableName(table)
                    .select("COUNT")
                    .filterExpression("#m = :m AND step_sec = :s")
                    .expressionAttributeNames(Map.of("#m", SessionStore.MODE))
                    .expressionAttributeValues(
                        Map.of(
                            ":m", AttributeValue.fromS("stagger"),
                            ":s", AttributeValue.fromN(String.valueOf(step.toSeconds())))))) {
      n += page.count();
    }
    return n;
  }
}
