package io.clickpulse.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.DemandStreamPoller;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.dev.seed.SeedData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The pricing handler fed by DynamoDB Local's real stream of product_demand through the local
 * poller: demand items in, prices and history out; the same records delivered again change nothing;
 * bad records are skipped without blocking the rest; two handlers racing on one product leave one
 * consistent chain of prices.
 */
class PricingEndToEndTest {
  static final long P1L = SeedData.FIRST_PRODUCT_ID;
  static final long P2L = P1L + 1;
  static final long P5L = P1L + 4;
  static final String P1 = String.valueOf(P1L);
  static final String P2 = String.valueOf(P2L);
  static final String P3 = String.valueOf(P1L + 2);

  @Test
  void demandMovesPricesOnceAndBadRecordsDoNotBlock() throws Exception {
    // cooldown 0: a second delivery would surge again if it were not recognised
    ClickpulseConfig c = TestStack.config("--pricing.cooldown", "0s");
    new Bootstrap(c, s -> {}).run();
    AwsClients clients = new AwsClients(c.aws());
    Path state = Files.createTempDirectory("poller").resolve("position.json");
    try (DynamoDbClient dynamo = clients.dynamoDb();
        DynamoDbStreamsClient streams = clients.dynamoDbStreams()) {
      BigDecimal base1 = price(dynamo, c, P1L, "base_price");
      BigDecimal base2 = price(dynamo, c, P2L, "base_price");
      demand(
          dynamo,
          c,
          Map.of(
              "product_id",
              n(P1),
              "window_start",
              s("2026-11-21T10:00:00Z"),
              "demand_score",
              n("4.0")));
      demand(
          dynamo,
          c,
          Map.of(
              "product_id",
              n(P2),
              "window_start",
              s("2026-11-21T10:00:00Z"),
              "demand_score",
              n("1.0")));
      demand(
          dynamo,
          c,
          Map.of(
              "product_id",
              n("999999"),
              "window_start",
              s("2026-11-21T10:00:00Z"),
              "demand_score",
              n("9")));
      demand(
          dynamo,
          c,
          Map.of(
              "product_id",
              n(P3),
              "window_start",
              s("2026-11-21T10:00:00Z"),
              "demand_score",
              s("high")));
      dynamo.deleteItem(
          b ->
              b.tableName(c.tables().productDemand())
                  .key(
                      Map.of(
                          "product_id", n("999999"), "window_start", s("2026-11-21T10:00:00Z"))));
      demand(
          dynamo,
          c,
          Map.of(
              "product_id",
              n(P1),
              "window_start",
              s("2026-11-21T10:01:00Z"),
              "demand_score",
              n("3.0")));

      List<PriceStore.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
      PricingHandler handler =
          new PricingHandler(
              new PriceStore(
                  dynamo,
                  c.tables().products(),
                  c.tables().priceHistory(),
                  c.pricing(),
                  Clock.systemUTC()),
              "test",
              outcomes::add,
              line -> {});
      try (DemandStreamPoller poller =
          new DemandStreamPoller(
              dynamo, streams, c.tables().productDemand(), handler, state, s -> {})) {
        assertThat(poller.pollOnce()).isEqualTo(6); // 5 puts + 1 remove
        assertThat(poller.pollOnce()).isZero(); // resumes after its position
      }
      // product 1 surged twice (+5 % each, cents); product 2 held; the unknown product was
      // reported, not fatal
      BigDecimal once = base1.multiply(new BigDecimal("1.05")).setScale(2, RoundingMode.HALF_UP);
      BigDecimal twice = once.multiply(new BigDecimal("1.05")).setScale(2, RoundingMode.HALF_UP);
      assertThat(price(dynamo, c, P1L, "price")).isEqualByComparingTo(twice);
      assertThat(price(dynamo, c, P2L, "price")).isEqualByComparingTo(base2);
      assertThat(outcomes)
          .extracting(PriceStore.Outcome::result)
          .containsExactly(
              PriceStore.Result.CHANGED,
              PriceStore.Result.HELD,
              PriceStore.Result.UNKNOWN_PRODUCT,
              PriceStore.Result.CHANGED);
      List<Map<String, AttributeValue>> history = history(dynamo, c, P1L);
      assertThat(history).hasSize(2);
      assertThat(new BigDecimal(history.get(0).get("old_price").n())).isEqualByComparingTo(base1);
      assertThat(new BigDecimal(history.get(1).get("new_price").n())).isEqualByComparingTo(twice);
      assertThat(history.get(0).get("reason").s()).startsWith("surge");
      assertThat(history.get(0).get("changed_by").s()).isEqualTo("test");

      // the same records delivered again (a poller that lost its position): nothing changes
      Files.delete(state);
      outcomes.clear();
      try (DemandStreamPoller again =
          new DemandStreamPoller(
              dynamo, streams, c.tables().productDemand(), handler, state, s -> {})) {
        assertThat(again.pollOnce()).isEqualTo(6);
      }
      assertThat(outcomes)
          .extracting(PriceStore.Outcome::result)
          .containsExactly(
              PriceStore.Result.ALREADY_APPLIED,
              PriceStore.Result.ALREADY_APPLIED,
              PriceStore.Result.UNKNOWN_PRODUCT,
              PriceStore.Result.ALREADY_APPLIED);
      assertThat(price(dynamo, c, P1L, "price")).isEqualByComparingTo(twice);
      assertThat(history(dynamo, c, P1L)).hasSize(2);
    }
  }

  @Test
  void twoHandlersRacingOnOneProductLeaveOneConsistentChain() throws Exception {
    ClickpulseConfig c =
        TestStack.config(
            "--pricing.cooldown", "0s", "--pricing.ceiling", "100", "--pricing.max-attempts", "50");
    new Bootstrap(c, s -> {}).run();
    try (DynamoDbClient dynamo = new AwsClients(c.aws()).dynamoDb()) {
      PriceStore a =
          new PriceStore(
              dynamo,
              c.tables().products(),
              c.tables().priceHistory(),
              c.pricing(),
              Clock.systemUTC());
      PriceStore b =
          new PriceStore(
              dynamo,
              c.tables().products(),
              c.tables().priceHistory(),
              c.pricing(),
              Clock.systemUTC());
      long version0 = Long.parseLong(item(dynamo, c, P5L).get("version").n());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<PriceStore.Outcome>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        DemandChange change =
            new DemandChange("record-" + i, String.valueOf(i), P5L, "w", 5.0, 0, 0, 0);
        PriceStore store = i % 2 == 0 ? a : b;
        results.add(pool.submit(() -> store.apply(change, "handler")));
        if (i % 4 == 0) {
          results.add(
              pool.submit(
                  () -> store.apply(change, "handler"))); // the same record twice, concurrently
        }
      }
      long changed = 0;
      for (Future<PriceStore.Outcome> f : results) {
        if (f.get().result() == PriceStore.Result.CHANGED) {
          changed++;
        }
      }
      pool.shutdown();
      assertThat(changed).isEqualTo(16); // each distinct record once, duplicates recognised
      List<Map<String, AttributeValue>> history = history(dynamo, c, P5L);
      assertThat(history).hasSize(16);
      history.sort(Comparator.comparing(h -> new BigDecimal(h.get("old_price").n())));
      for (int i = 1; i < history.size(); i++) {
        assertThat(history.get(i).get("old_price").n())
            .isEqualTo(history.get(i - 1).get("new_price").n());
      }
      assertThat(price(dynamo, c, P5L, "price"))
          .isEqualByComparingTo(history.get(15).get("new_price").n());
      assertThat(Long.parseLong(item(dynamo, c, P5L).get("version").n())).isEqualTo(version0 + 16);
    }
  }

  @Test
  void aThrottledWriteIsReportedRetriedAndAppliedOnce() throws Exception {
    ClickpulseConfig c = TestStack.config("--pricing.max-attempts", "2");
    new Bootstrap(c, s -> {}).run();
    AwsClients clients = new AwsClients(c.aws());
    Path state = Files.createTempDirectory("poller").resolve("position.json");
    try (DynamoDbClient dynamo = clients.dynamoDb();
        DynamoDbStreamsClient streams = clients.dynamoDbStreams()) {
      BigDecimal base = price(dynamo, c, P1L, "base_price");
      demand(
          dynamo,
          c,
          Map.of(
              "product_id",
              n(P1),
              "window_start",
              s("2026-11-21T10:00:00Z"),
              "demand_score",
              n("4.0")));
      demand(
          dynamo,
          c,
          Map.of(
              "product_id",
              n(P2),
              "window_start",
              s("2026-11-21T10:00:00Z"),
              "demand_score",
              n("4.0")));
      // DynamoDB Local never throttles: the first transaction fails as a throttled one would once
      // the SDK's own retries are spent
      AtomicInteger throttles = new AtomicInteger(1);
      DynamoDbClient throttled =
          new DynamoDbClient() {
            @Override
            public String serviceName() {
              return dynamo.serviceName();
            }

            @Override
            public void close() {}

            @Override
            public GetItemResponse getItem(GetItemRequest r) {
              return dynamo.getItem(r);
            }

            @Override
            public UpdateItemResponse updateItem(UpdateItemRequest r) {
              return dynamo.updateItem(r);
            }

            @Override
            public DescribeTableResponse describeTable(DescribeTableRequest r) {
              return dynamo.describeTable(r);
            }

            @Override
            public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest r) {
              if (throttles.getAndDecrement() > 0) {
                throw ProvisionedThroughputExceededException.builder()
                    .message("throughput exceeded (injected)")
                    .build();
              }
              return dynamo.transactWriteItems(r);
            }
          };
      List<PriceStore.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
      PricingHandler handler =
          new PricingHandler(
              new PriceStore(
                  throttled,
                  c.tables().products(),
                  c.tables().priceHistory(),
                  c.pricing(),
                  Clock.systemUTC()),
              "test",
              outcomes::add,
              line -> {});
      try (DemandStreamPoller poller =
          new DemandStreamPoller(
              throttled, streams, c.tables().productDemand(), handler, state, s -> {})) {
        poller
            .pollOnce(); // P1 fails and is reported; P2, after it in the batch, is applied all the
        // same
        assertThat(outcomes).extracting(PriceStore.Outcome::productId).containsExactly(P2L);
        assertThat(price(dynamo, c, P1L, "price")).isEqualByComparingTo(base);
        poller.pollOnce(); // delivered again from P1: P1 applied, P2 recognised
      }
      assertThat(outcomes)
          .extracting(PriceStore.Outcome::result)
          .containsExactly(
              PriceStore.Result.CHANGED,
              PriceStore.Result.CHANGED,
              PriceStore.Result.ALREADY_APPLIED);
      assertThat(price(dynamo, c, P1L, "price"))
          .isEqualByComparingTo(
              base.multiply(new BigDecimal("1.05")).setScale(2, RoundingMode.HALF_UP));
      assertThat(history(dynamo, c, P1L)).hasSize(1);
      assertThat(history(dynamo, c, P2L)).hasSize(1);
    }
  }

  private static void demand(
      DynamoDbClient dynamo, ClickpulseConfig c, Map<String, AttributeValue> item) {
    dynamo.putItem(b -> b.tableName(c.tables().productDemand()).item(item));
  }

  private static Map<String, AttributeValue> item(
      DynamoDbClient dynamo, ClickpulseConfig c, long id) {
    return dynamo
        .getItem(
            b ->
                b.tableName(c.tables().products())
                    .key(Map.of("product_id", n(String.valueOf(id))))
                    .consistentRead(true))
        .item();
  }

  private static BigDecimal price(
      DynamoDbClient dynamo, ClickpulseConfig c, long id, String attribute) {
    return new BigDecimal(item(dynamo, c, id).get(attribute).n());
  }

  private static List<Map<String, AttributeValue>> history(
      DynamoDbClient dynamo, ClickpulseConfig c, long id) {
    return new ArrayList<>(
        dynamo
            .query(
                b ->
                    b.tableName(c.tables().priceHistory())
                        .keyConditionExpression("product_id = :p")
                        .expressionAttributeValues(Map.of(":p", n(String.valueOf(id)))))
            .items());
  }

  private static AttributeValue n(String v) {
    return AttributeValue.fromN(v);
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
