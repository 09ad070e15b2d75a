package io.clickpulse.dev.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's demo, shortened: stack, bootstrap, streaming job via spark-submit on the job jar,
 * checks.
 */
class DemoIT {
  @Test
  void demoRunsEndToEndAndItsChecksPass() throws Exception {
    int code = Main.run(List.of("demo", "--seconds", "6", "--rate", "100"));
    Path projectDir = Path.of(System.getProperty("clickpulse.projectDir", "."));
    JsonNode summary =
        new ObjectMapper().readTree(projectDir.resolve("target/demo/summary.json").toFile());
    assertThat(code).isZero();
    assertThat(summary.at("/sent/records_sent").asLong()).isPositive();
    summary
        .get("checks")
        .fields()
        .forEachRemaining(c -> assertThat(c.getValue().asBoolean()).as(c.getKey()).isTrue());
    // the shop visit's events come in over HTTP besides the generator's
    assertThat(summary.at("/stages/streaming_job/events").asLong())
        .isEqualTo(
            summary.at("/sent/valid_events").asLong()
                + summary.at("/stages/http_ingest/shop_visit_events").asLong());
    assertThat(summary.at("/stages/http_ingest/generator_events").asLong()).isPositive();
    assertThat(summary.at("/stages/http_ingest/shop_visit_events").asLong()).isPositive();
    assertThat(summary.at("/stages/lake/events/files").asLong()).isPositive();
    // all three producers, each in its own shape, end to end
    long sentTotal = 0;
    for (String producer : List.of("pixel", "app", "ui")) {
      JsonNode p = summary.at("/stages/producers/" + producer);
      assertThat(p.get("valid_events_sent").asLong()).as(producer).isPositive();
      assertThat(p.get("events_in_lake").asLong())
          .as(producer)
          .isEqualTo(p.get("events_expected").asLong());
      assertThat(summary.at("/sent/by_producer/" + producer + "/valid_events").asLong())
          .as(producer)
          .isEqualTo(p.get("valid_events_sent").asLong());
      sentTotal += p.get("valid_events_sent").asLong();
    }
    assertThat(sentTotal).isEqualTo(summary.at("/sent/valid_events").asLong());
    assertThat(summary.at("/stages/producers/pixel/shop_visit_events").asLong())
        .isEqualTo(summary.at("/stages/http_ingest/shop_visit_events").asLong());
    assertThat(summary.at("/sent/by_producer/ui/events_by_name/click").asLong())
        .isEqualTo(summary.at("/sent/by_producer/ui/valid_events").asLong());
    assertThat(summary.at("/sent/by_producer/app/events_by_name").size()).isEqualTo(5);
    assertThat(summary.at("/stages/product_demand/items").asLong()).isPositive();
    // stagger mode (the sessions re-run over raw/), both steps: rows, one item each, alerts
    JsonNode steps = summary.at("/stages/stagger_sessions/steps");
    long rows30 = steps.at("/30s/rows").asLong();
    long rows60 = steps.at("/60s/rows").asLong();
    assertThat(rows60).isPositive();
    assertThat(rows30)
        .as("30 s windows are never fewer than 1 min ones")
        .isGreaterThanOrEqualTo(rows60);
    assertThat(steps.at("/30s/dynamodb_items").asLong()).isEqualTo(rows30);
    assertThat(steps.at("/60s/dynamodb_items").asLong()).isEqualTo(rows60);
    assertThat(steps.at("/30s/events_in_rows").asLong())
        .isEqualTo(steps.at("/60s/events_in_rows").asLong())
        .isPositive();
    assertThat(steps.at("/30s/alerts_delivered").asLong())
        .isEqualTo(steps.at("/30s/short_session_alerts").asLong());
    // every short-session alert (gap and stagger) reached the JSON-lines alert sink, once each
    JsonNode delivered = summary.at("/stages/alerts_delivered");
    assertThat(delivered.at("/distinct_alert_ids_by_mode/gap").asLong())
        .isEqualTo(summary.at("/stages/sessions/short_session_alerts").asLong());
    assertThat(delivered.at("/distinct_alert_ids_by_mode/stagger").asLong())
        .isEqualTo(
            steps.at("/30s/short_session_alerts").asLong()
                + steps.at("/60s/short_session_alerts").asLong())
        .isPositive();
  }

  @Test
  void unknownCommandAndBadConfigExitWithTwo() {
    assertThat(Main.run(List.of("fly"))).isEqualTo(2);
    assertThat(Main.run(List.of("config", "--kinesis.shards", "lots"))).isEqualTo(2);
    assertThat(Main.run(List.of("run", "nosuchjob"))).isEqualTo(2);
  }
}
