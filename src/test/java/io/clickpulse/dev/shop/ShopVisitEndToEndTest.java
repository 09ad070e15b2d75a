package io.clickpulse.dev.shop;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.SparkTestSession;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.collect.Collector;
import io.clickpulse.dev.collect.CollectorConfig;
import io.clickpulse.dev.collect.KinesisStreamPut;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.StreamContents;
import io.clickpulse.dev.local.StreamContents.StoredRecord;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.event.EventColumns;
import io.clickpulse.event.EventName;
import io.clickpulse.streaming.QueryProgress;
import io.clickpulse.streaming.StreamingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The browser path end to end: headless Chromium clicks through the demo shop (tracker/), the
 * tracker posts to the real collector, the collector puts into the stack's Kinesis, the streaming
 * job writes the events table: each event arrives once, with the visitor's user id, the product and
 * the event names the visit caused.
 */
class ShopVisitEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SparkSession spark = SparkTestSession.get();

  @AfterEach
  void stopQueries() throws Exception {
    SparkTestSession.stopActiveQueries();
  }

  @Test
  void aVisitOfTheDemoShopReachesTheEventsTable() throws Exception {
    ClickpulseConfig c =
        TestStack.config(
            "--streaming.trigger-interval",
            "1s",
            "--streaming.state-partitions",
            "2",
            "--sessions.enabled",
            "false");
    new Bootstrap(c, s -> {}).run();
    String user = "customer-42";
    List<ShopVisit.Expected> expected;
    try (KinesisClient kinesis = new AwsClients(c.aws()).kinesis()) {
      try (Collector collector =
          Collector.start(
              CollectorConfig.from(c.settings()),
              new KinesisStreamPut(kinesis),
              c.stream().name(),
              TestStack.PROJECT_DIR.resolve("tracker"))) {
        Path profile = Files.createTempDirectory("chromium-shop");
        expected = ShopVisit.run(collector.shopEndpoint().resolve("/shop/"), user, profile);
        awaitInStream(kinesis, c.stream().name(), expected.size());
        assertThat(collector.stats().refusedByCode()).isEmpty();
        assertThat(collector.stats().failed()).isZero();
      }
      List<StoredRecord> stored = StreamContents.readAll(kinesis, c.stream().name());
      assertThat(stored).hasSize(expected.size());
      assertThat(stored).allMatch(r -> r.partitionKey().equals(user));
      for (StoredRecord r : stored) {
        JsonNode e = JSON.readTree(r.data());
        assertThat(e.get("click_id").asText()).isNotBlank();
        assertThat(e.get("device_id").asText()).startsWith("d-");
        assertThat(e.get("page_url").asText()).contains("/shop/");
      }
    }

    StreamingQuery query = StreamingJob.start(spark, c);
    QueryProgress.awaitInputRows(query, expected.size(), Duration.ofMinutes(3));
    query.stop();
    List<Row> events =
        spark
            .read()
            .parquet(c.lake().uri("events"))
            .orderBy(col(EventColumns.EVENT_TIME))
            .collectAsList();
    assertThat(events.stream().map(r -> r.<String>getAs(EventColumns.USER_ID)).distinct())
        .containsExactly(user);
    assertThat(events.stream().map(ShopVisitEndToEndTest::nameAndProduct).toList())
        .containsExactlyInAnyOrderElementsOf(
            expected.stream()
                .map(e -> e.eventName() + " " + (e.productId() == null ? "-" : e.productId()))
                .toList());
    Row view =
        events.stream()
            .filter(r -> r.getAs(EventColumns.EVENT_NAME).equals(EventName.VIEW_CONTENT))
            .findFirst()
            .orElseThrow();
    assertThat(view.<Double>getAs("percent_viewed")).isEqualTo(100.0); // scrolled to the end
    assertThat(view.<Boolean>getAs("product_known")).isTrue();
    assertThat(view.<String>getAs("ua_browser")).isNotBlank();
    Set<String> devices =
        events.stream().map(r -> r.<String>getAs("device_id")).collect(Collectors.toSet());
    assertThat(devices).hasSize(1);
    assertThat(events).hasSize(expected.size()); // every record an event: none bad, none twice
  }

  private static String nameAndProduct(Row r) {
    Object product = r.getAs(EventColumns.PRODUCT_ID);
    return r.getAs(EventColumns.EVENT_NAME) + " " + (product == null ? "-" : product);
  }

  private static void awaitInStream(KinesisClient kinesis, String stream, int records)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (StreamContents.readAll(kinesis, stream).size() < records
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }
}
