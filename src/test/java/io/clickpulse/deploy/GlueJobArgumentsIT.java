package io.clickpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickpulse.config.AlertsConfig;
import io.clickpulse.config.BatchConfig;
import io.clickpulse.config.ClickpulseConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * moto's CloudFormation does not create AWS::Glue::Job, so this reads each Glue job of
 * jobs/clickpulse.yaml: its --class is a main class in target/clickpulse-job.jar (the jar deploy
 * uploads), its script is the stub in jobs/glue/, and its DefaultArguments, with the arguments Glue
 * adds to a run, load with the jobs' own config loader ({@link ClickpulseConfig#fromArgs}), as do
 * the arguments of every trigger that starts it.
 */
class GlueJobArgumentsIT {
  private static StackTemplate template;
  private static Map<String, JsonNode> jobs;

  @BeforeAll
  static void load() {
    template = StackTemplate.load();
    jobs = template.resources("AWS::Glue::Job");
  }

  /**
   * What Glue itself puts on a run's command line besides DefaultArguments (docs, and beyond any
   * fixed list).
   */
  static List<String> glueAdds(String jobName) {
    return List.of(
        "--JOB_NAME",
        jobName,
        "--JOB_ID",
        "j_0123456789abcdef",
        "--JOB_RUN_ID",
        "jr_0123456789abcdef",
        "--job-bookmark-option",
        "job-bookmark-disable",
        "--TempDir",
        "s3://aws-glue-assets-123456789012-us-east-1/temporary/",
        "--enable-glue-datacatalog",
        "true",
        "--enable-metrics",
        "true",
        "--write-shuffle-files-to-s3",
        "false",
        "--disable-proxy-v2",
        "--enable-lakeformation-fine-grained-access",
        "false",
        "--enable-job-insights",
        "false",
        "--enable-observability-metrics",
        "false",
        "--spark-event-logs-path",
        "s3://x/sparkHistoryLogs/",
        "--enable-continuous-cloudwatch-log",
        "true",
        "--enable-spark-ui",
        "false");
  }

  private List<String> defaultArguments(JsonNode job) {
    List<String> args = new ArrayList<>();
    job.path("Properties")
        .path("DefaultArguments")
        .fields()
        .forEachRemaining(
            e -> {
              args.add(e.getKey());
              args.add(template.text(e.getValue()));
            });
    return args;
  }

  @Test
  void everyJobRunsAMainClassOfTheJobJarThroughTheScriptStub() throws Exception {
    assertThat(jobs).hasSize(7);
    String stub =
        Files.readString(StackTemplate.PROJECT.resolve("jobs/glue/ClickpulseGlueEntry.scala"));
    try (JarFile jar =
        new JarFile(StackTemplate.PROJECT.resolve("target/clickpulse-job.jar").toFile())) {
      for (var e : jobs.entrySet()) {
        JsonNode p = e.getValue().path("Properties");
        Map<String, String> args = new LinkedHashMap<>();
        p.path("DefaultArguments")
            .fields()
            .forEachRemaining(a -> args.put(a.getKey(), template.text(a.getValue())));
        String cls = args.get("--class");
        assertThat(args)
            .as(e.getKey())
            .containsEntry("--job-language", "scala")
            .containsKey("--extra-jars");
        assertThat(args.get("--extra-jars")).as(e.getKey()).endsWith("/clickpulse-job.jar");
        assertThat(jar.getEntry(cls.replace('.', '/') + ".class"))
            .as("%s: --class %s in the job jar", e.getKey(), cls)
            .isNotNull();
        Method main =
            Class.forName(cls, false, getClass().getClassLoader())
                .getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).as(cls + ".main is static").isTrue();
        assertThat(template.text(p.path("Command").path("ScriptLocation")))
            .as(e.getKey())
            .endsWith("glue/ClickpulseGlueEntry.scala");
        assertThat(stub).as("the stub forwards to " + cls).contains(cls + ".main(sysArgs)");
        String command = template.text(p.path("Command").path("Name"));
        assertThat(command)
            .as(e.getKey())
            .isIn(
                cls.endsWith("StreamingJob")
                    ? List.of("gluestreaming", "glueetl")
                    : List.of("glueetl"));
      }
    }
  }

  @Test
  void defaultArgumentsWithWhatGlueAddsLoadWithTheJobsConfigLoader() {
    for (var e : jobs.entrySet()) {
      List<String> args = new ArrayList<>(defaultArguments(e.getValue()));
      args.addAll(glueAdds(template.text(e.getValue().path("Properties").path("Name"))));
      ClickpulseConfig c = ClickpulseConfig.fromArgs(args);
      assertThat(c.settings().profile()).as(e.getKey()).isEqualTo("aws");
      assertThat(c.tables().products()).as(e.getKey()).isEqualTo("clickpulse-products");
      assertThat(c.lake().bucket()).as(e.getKey()).isEqualTo("lakebucket-generated");
      if (e.getKey().equals("StreamingJob")) {
        assertThat(c.stream().name()).isEqualTo("clickpulse-clickstream");
        assertThat(c.tables().productDemand()).isEqualTo("clickpulse-product_demand");
        assertThat(c.streaming().triggerInterval()).hasSeconds(100);
        assertThat(c.sessions().shortSessionAlert()).hasSeconds(20);
        assertThat(c.alerts().sink()).isEqualTo(AlertsConfig.Sink.SNS);
        assertThat(c.alerts().snsTopicArn())
            .contains("arn:aws:sns:us-east-1:123456789012:clickpulse-session-alerts");
        assertThat(c.enrich().geoIpDatabases())
            .containsExactly("s3://clickpulse-artifacts-test/clickpulse/geoip/GeoLite2-City.mmdb");
      } else {
        assertThat(c.batch().database()).as(e.getKey()).isEqualTo("clickpulse");
        assertThat(c.batch().workgroup()).as(e.getKey()).isEqualTo("clickpulse");
        assertThat(c.batch().outputLocation())
            .as(e.getKey())
            .contains("s3://lakebucket-generated/athena-results/");
      }
    }
  }

  @Test
  void theStackParametersReachTheStreamingJob() {
    StackTemplate t =
        StackTemplate.load(
            Map.of(
                "SessionsMode",
                "stagger",
                "StaggerStep",
                "1min",
                "TriggerInterval",
                "30s",
                "ShortSessionThreshold",
                "0s",
                "StreamName",
                "shop-clicks",
                "GeoIpDatabaseKey",
                ""));
    JsonNode job = t.resources("AWS::Glue::Job").get("StreamingJob");
    List<String> args = new ArrayList<>();
    job.path("Properties")
        .path("DefaultArguments")
        .fields()
        .forEachRemaining(
            a -> {
              args.add(a.getKey());
              args.add(t.text(a.getValue()));
            });
    ClickpulseConfig c = ClickpulseConfig.fromArgs(args);
    assertThat(c.stream().name()).isEqualTo("shop-clicks");
    assertThat(c.sessions().mode().name()).isEqualToIgnoringCase("stagger");
    assertThat(c.sessions().staggerStep()).hasMinutes(1);
    assertThat(c.streaming().triggerInterval()).hasSeconds(30);
    assertThat(c.enrich().geoIpDatabases()).isEmpty();
  }

  @Test
  void everyTriggerStartsAJobWithArgumentsItsLoaderTakes() {
    // the daily chain starts at 01:30 UTC; its aggregate step works on the day before
    Clock dailyStart = Clock.fixed(Instant.parse("2026-11-22T01:30:04Z"), ZoneOffset.UTC);
    var triggers = template.resources("AWS::Glue::Trigger");
    assertThat(triggers).isNotEmpty();
    for (var t : triggers.entrySet()) {
      for (JsonNode action : t.getValue().path("Properties").path("Actions")) {
        String jobLogical = action.path("JobName").path("Ref").asText();
        assertThat(jobs).as(t.getKey() + " starts a job of the template").containsKey(jobLogical);
        List<String> args = new ArrayList<>(defaultArguments(jobs.get(jobLogical)));
        action
            .path("Arguments")
            .fields()
            .forEachRemaining(
                a -> {
                  args.add(a.getKey());
                  args.add(template.text(a.getValue()));
                });
        args.addAll(glueAdds(jobLogical));
        ClickpulseConfig c = ClickpulseConfig.fromArgs(args, dailyStart);
        if (t.getKey().equals("DailyAggregateTrigger")) {
          assertThat(c.batch().requireRange("aggregate"))
              .isEqualTo(
                  new BatchConfig.Range(
                      Instant.parse("2026-11-21T00:00:00Z"),
                      Instant.parse("2026-11-22T00:00:00Z")));
        }
      }
    }
  }
}
