package io.clickpulse.dev.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.generate.ClickstreamGenerator;
import io.clickpulse.dev.generate.GeneratorConfig;
import io.clickpulse.dev.generate.KinesisPutRecords;
import io.clickpulse.dev.generate.OutgoingRecord.Fault;
import io.clickpulse.dev.generate.PutRecordsApi;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.local.StreamContents.StoredRecord;
import io.clickpulse.dev.seed.Product;
import io.clickpulse.dev.seed.ProductCatalog;
import io.clickpulse.dev.seed.SeedConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Bootstrap and generator against the real emulators. */
class BootstrapAndGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void bootstrapCreatesEverythingAndIsHarmlessToRerun() {
    ClickpulseConfig c = TestStack.config();
    List<String> log = new ArrayList<>();
    new Bootstrap(c, log::add).run();
    AwsClients clients = new AwsClients(c.aws());
    try (DynamoDbClient dynamo = clients.dynamoDb();
        KinesisClient kinesis = clients.kinesis();
        S3Client s3 = clients.s3()) {
      assertThat(kinesis.listShards(b -> b.streamName(c.stream().name())).shards()).hasSize(2);
      var demand = dynamo.describeTable(b -> b.tableName(c.tables().productDemand())).table();
      assertThat(demand.streamSpecification().streamViewTypeAsString())
          .isEqualTo("NEW_AND_OLD_IMAGES");
      assertThat(s3.listBuckets().buckets()).anyMatch(b -> b.name().equals(c.lake().bucket()));
      List<Product> products = ProductCatalog.scan(dynamo, c.tables().products());
      assertThat(products)
          .hasSize(12)
          .allSatisfy(
              p -> {
                assertThat(p.price()).isEqualByComparingTo(p.basePrice());
                assertThat(p.stock()).isPositive();
                assertThat(p.name()).isNotBlank();
              });
      assertThat(dynamo.scan(b -> b.tableName(c.tables().orders())).count()).isEqualTo(50);
      assertThat(dynamo.scan(b -> b.tableName(c.tables().users())).count()).isEqualTo(30);

      // a price changed since (as the pricing function would) must survive a second bootstrap
      Product first = products.get(0);
      dynamo.updateItem(
          b ->
              b.tableName(c.tables().products())
                  .key(
                      Map.of("product_id", AttributeValue.fromN(String.valueOf(first.productId()))))
                  .updateExpression("SET price = :p")
                  .expressionAttributeValues(Map.of(":p", AttributeValue.fromN("1.23"))));
      log.clear();
      new Bootstrap(c, log::add).run();
      assertThat(log)
          .contains(
              "bootstrap: stream " + c.stream().name() + " exists",
              "bootstrap: " + c.tables().products() + ": 0 items added, 12 already there",
              "bootstrap: " + c.tables().orders() + ": 0 items added, 50 already there");
      assertThat(ProductCatalog.scan(dynamo, c.tables().products()).get(0).price())
          .isEqualByComparingTo("1.23");
      assertThat(dynamo.scan(b -> b.tableName(c.tables().orders())).count()).isEqualTo(50);
    }
  }

  @Test
  void generatorRecordsArriveInTheStreamWithFieldsKeysAndFaults() throws Exception {
    ClickpulseConfig c =
        TestStack.config(
            "--generate.count",
            "600",
            "--generate.rate",
            "0",
            "--generate.malformed-share",
            "0.05",
            "--generate.duplicate-share",
            "0.05",
            "--generate.late-share",
            "0.05",
            "--generate.unknown-product-share",
            "0.05");
    new Bootstrap(c, s -> {}).run();
    AwsClients clients = new AwsClients(c.aws());
    try (DynamoDbClient dynamo = clients.dynamoDb();
        KinesisClient kinesis = clients.kinesis()) {
      List<Product> catalog = ProductCatalog.scan(dynamo, c.tables().products());
      SendReport report =
          new ClickstreamGenerator(
                  GeneratorConfig.from(c.settings()),
                  catalog,
                  SeedConfig.from(c.settings()).users(),
                  new KinesisPutRecords(kinesis),
                  c.stream().name(),
                  Clock.systemUTC(),
                  s -> {})
              .run();
      List<StoredRecord> stored = StreamContents.readAll(kinesis, c.stream().name());

      assertThat(stored).hasSize((int) report.records());
      assertThat(report.records()).isEqualTo(600 + report.fault(Fault.DUPLICATE));
      assertThat(report.fault(Fault.LATE)).isPositive();
      assertThat(report.fault(Fault.UNKNOWN_PRODUCT)).isPositive();
      assertThat(stored.stream().map(StoredRecord::shardId).distinct()).hasSize(2);

      int parsed = 0;
      int unparseable = 0;
      Map<String, Integer> copies = new HashMap<>();
      for (StoredRecord r : stored) {
        JsonNode json;
        try {
          String text =
              StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(r.data())).toString();
          json = JSON.readTree(text);
        } catch (Exception e) {
          unparseable++;
          continue;
        }
        if (json == null
            || !json.has("event_name")
            || !json.at("/additional_data/percent_viewed").isNumber()) {
          unparseable++;
          continue;
        }
        parsed++;
        assertThat(r.partitionKey()).isEqualTo(json.get("user_id").asText());
        assertThat(json.get("event_name").asText())
            .isIn("Search", "ViewContent", "AddToCart", "Purchase");
        copies.merge(json.get("click_id").asText(), 1, Integer::sum);
      }
      long malformed = report.malformed();
      assertThat(malformed).isPositive();
      assertThat(unparseable).isEqualTo(malformed);
      assertThat(copies.values().stream().filter(n -> n == 2).count())
          .isEqualTo(report.fault(Fault.DUPLICATE));
      assertThat(copies.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
      assertThat(parsed).isEqualTo((int) (report.validEvents() + report.fault(Fault.DUPLICATE)));
    }
  }

  @Test
  void partialPutRecordsFailureIsRetriedWithoutDuplicatingAcceptedEntries() {
    ClickpulseConfig c = TestStack.config("--generate.count", "300", "--generate.rate", "0");
    new Bootstrap(c, s -> {}).run();
    AwsClients clients = new AwsClients(c.aws());
    try (DynamoDbClient dynamo = clients.dynamoDb();
        KinesisClient kinesis = clients.kinesis()) {
      // kinesis-mock never throttles, so a fault-injecting wrapper rejects every 4th entry of the
      // first attempt of each batch without sending it, as Kinesis does under a partial failure
      PutRecordsApi real = new KinesisPutRecords(kinesis);
      Map<Integer, Integer> attemptsByBatchSize = new HashMap<>();
      List<Integer> rejected = new ArrayList<>();
      PutRecordsApi flaky =
          (stream, batch) -> {
            boolean firstAttempt =
                batch.size() > 3 || attemptsByBatchSize.merge(batch.size(), 1, Integer::sum) == 1;
            if (!firstAttempt) {
              return real.putRecords(stream, batch);
            }
            List<Integer> sendIdx = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
              if (i % 4 != 1) {
                sendIdx.add(i);
              }
            }
            List<Optional<String>> sent =
                real.putRecords(stream, sendIdx.stream().map(batch::get).toList());
            List<Optional<String>> out = new ArrayList<>();
            for (int i = 0, j = 0; i < batch.size(); i++) {
              if (i % 4 == 1) {
                out.add(
                    Optional.of("ProvisionedThroughputExceededException: Rate exceeded for shard"));
                rejected.add(i);
              } else {
                out.add(sent.get(j++));
              }
            }
            return out;
          };
      SendReport report =
          new ClickstreamGenerator(
                  GeneratorConfig.from(c.settings()),
                  ProductCatalog.scan(dynamo, c.tables().products()),
                  SeedConfig.from(c.settings()).users(),
                  flaky,
                  c.stream().name(),
                  Clock.systemUTC(),
                  s -> {})
              .run();
      List<StoredRecord> stored = StreamContents.readAll(kinesis, c.stream().name());
      assertThat(rejected).isNotEmpty();
      assertThat(report.retriedEntries()).isEqualTo(rejected.size());
      assertThat(stored).hasSize(300);
      Map<String, Long> byData =
          stored.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> new String(r.data(), StandardCharsets.UTF_8), Collectors.counting()));
      assertThat(byData).hasSize(300).allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
    }
  }
}
