package io.clickpulse.dev.local;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.TableNames;
import io.clickpulse.dev.seed.CatalogItems;
import io.clickpulse.dev.seed.SeedConfig;
import io.clickpulse.dev.seed.SeedData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Creates what the jobs expect on a fresh local stack (the stream, the tables, the lake bucket) and
 * seeds the catalog, users and orders. Safe to re-run: existing resources are kept, and seed items
 * are only added where missing, so prices the pricing function changed survive.
 */
public final class Bootstrap {
  /** Key schema of each table: partition key, optional sort key, both with their types. */
  record TableSpec(
      String name,
      String hashKey,
      ScalarAttributeType hashType,
      String rangeKey,
      ScalarAttributeType rangeType,
      boolean stream,
      String ttlAttribute) {}

  private final ClickpulseConfig config;
  private final Consumer<String> progress;

  public Bootstrap(ClickpulseConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
  }

  static List<TableSpec> tables(TableNames t) {
    return List.of(
        new TableSpec(t.products(), "product_id", ScalarAttributeType.N, null, null, false, null),
        new TableSpec(t.orders(), "order_id", ScalarAttributeType.S, null, null, false, null),
        new TableSpec(t.users(), "user_id", ScalarAttributeType.S, null, null, false, null),
        new TableSpec(
            t.productDemand(),
            "product_id",
            ScalarAttributeType.N,
            "window_start",
            ScalarAttributeType.S,
            true,
            "expires_at"),
        new TableSpec(
            t.sessions(),
            "user_id",
            ScalarAttributeType.S,
            "session_start",
            ScalarAttributeType.S,
            false,
            "expires_at"),
        new TableSpec(
            t.priceHistory(),
            "product_id",
            ScalarAttributeType.N,
            "change_id",
            ScalarAttributeType.S,
            false,
            null));
  }

  public void run() {
    AwsClients clients = new AwsClients(config.aws());
    try (KinesisClient kinesis = clients.kinesis();
        DynamoDbClient dynamo = clients.dynamoDb();
        S3Client s3 = clients.s3()) {
      createStream(kinesis);
      for (TableSpec spec : tables(config.tables())) {
        createTable(dynamo, spec);
      }
      createBucket(s3);
      seed(dynamo);
    }
  }

  private void createStream(KinesisClient kinesis) {
    String name = config.stream().name();
    try {
      kinesis.createStream(b -> b.streamName(name).shardCount(config.stream().shards()));
      progress.accept(
          "bootstrap: created stream " + name + " with " + config.stream().shards() + " shards");
    } catch (software.amazon.awssdk.services.kinesis.model.ResourceInUseException e) {
      progress.accept("bootstrap: stream " + name + " exists");
    }
    waitFor(
        "stream " + name + " to become ACTIVE",
        () ->
            kinesis
                    .describeStreamSummary(b -> b.streamName(name))
                    .streamDescriptionSummary()
                    .streamStatus()
                == StreamStatus.ACTIVE);
  }

  private void createTable(DynamoDbClient dynamo, TableSpec spec) {
    List<AttributeDefinition> attrs = new ArrayList<>();
    List<KeySchemaElement> keys = new ArrayList<>();
    attrs.add(
        AttributeDefinition.builder()
            .attributeName(spec.hashKey())
            .attributeType(spec.hashType())
            .build());
    keys.add(
        KeySchemaElement.builder().attributeName(spec.hashKey()).keyType(KeyType.HASH).build());
    if (spec.rangeKey() != null) {
      attrs.add(
          AttributeDefinition.builder()
              .attributeName(spec.rangeKey())
              .attributeType(spec.rangeType())
              .build());
      keys.add(
          KeySchemaElement.builder().attributeName(spec.rangeKey()).keyType(KeyType.RANGE).build());
    }
    try {
      dynamo.createTable(
          b -> {
            b.tableName(spec.name())
                .attributeDefinitions(attrs)
                .keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST);
            if (spec.stream()) {
              b.streamSpecification(
                  StreamSpecification.builder()
                      .streamEnabled(true)
                      .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                      .build());
            }
          });
      progress.accept("bootstrap: created table " + spec.name());
    } catch (ResourceInUseException e) {
      var existing = dynamo.describeTable(b -> b.tableName(spec.name())).table().keySchema();
      if (!existing.equals(keys)) {
        throw new IllegalStateException(
            "table "
                + spec.name()
                + " exists with key schema "
                + existing
                + ", expected "
                + keys
                + ": delete it or use another name (dynamodb.table.*)");
      }
      progress.accept("bootstrap: table " + spec.name() + " exists");
    }
    waitFor(
        "table " + spec.name() + " to become ACTIVE",
        () ->
            dynamo.describeTable(b -> b.tableName(spec.name())).table().tableStatus()
                == TableStatus.ACTIVE);
    if (spec.ttlAttribute() != null) {
      var ttl = dynamo.describeTimeToLive(b -> b.tableName(spec.name())).timeToLiveDescription();
      if (ttl == null || ttl.attributeName() == null) {
        dynamo.updateTimeToLive(
            b ->
                b.tableName(spec.name())
                    .timeToLiveSpecification(
                        t -> t.enabled(true).attributeName(spec.ttlAttribute())));
      }
    }
  }

  private void createBucket(S3Client s3) {
    String bucket = config.lake().bucket();
    try {
      s3.createBucket(b -> b.bucket(bucket));
      progress.accept("bootstrap: created bucket " + bucket);
    } catch (BucketAlreadyOwnedByYouException e) {
      progress.accept("bootstrap: bucket " + bucket + " exists");
    } catch (S3Exception e) {
      if (e.statusCode() != 409) {
        throw e;
      }
      progress.accept("bootstrap: bucket " + bucket + " exists");
    }
  }

  private void seed(DynamoDbClient dynamo) {
    SeedData data = SeedData.generate(SeedConfig.from(config.settings()), Instant.now());
    TableNames t = config.tables();
    putMissing(
        dynamo,
        t.products(),
        "product_id",
        data.products().stream().map(CatalogItems::item).toList());
    putMissing(
        dynamo, t.users(), "user_id", data.users().stream().map(CatalogItems::item).toList());
    putMissing(
        dynamo, t.orders(), "order_id", data.orders().stream().map(CatalogItems::item).toList());
  }

  /** Writes only the items whose key is not in the table yet (BatchWriteItem, 25 per call). */
  private void putMissing(
      DynamoDbClient dynamo, String table, String key, List<Map<String, AttributeValue>> items) {
    Set<AttributeValue> existing = new HashSet<>();
    dynamo
        .scanPaginator(
            b ->
                b.tableName(table)
                    .projectionExpression("#k")
                    .expressionAttributeNames(Map.of("#k", key)))
        .items()
        .forEach(i -> existing.add(i.get(key)));
    List<WriteRequest> missing =
        items.stream()
            .filter(i -> !existing.contains(i.get(key)))
            .map(
                i ->
                    WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build())
            .toList();
    for (int from = 0; from < missing.size(); from += 25) {
      List<WriteRequest> chunk = missing.subList(from, Math.min(missing.size(), from + 25));
      Map<String, List<WriteRequest>> unprocessed = Map.of(table, chunk);
      for (int attempt = 0; !unprocessed.isEmpty(); attempt++) {
        if (attempt == 10) {
          throw new IllegalStateException(
              "DynamoDB keeps returning unprocessed items for table " + table);
        }
        Map<String, List<WriteRequest>> request = unprocessed;
        unprocessed = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
      }
    }
    progress.accept(
        "bootstrap: "
            + table
            + ": "
            + missing.size()
            + " items added, "
            + existing.size()
            + " already there");
  }

  private static void waitFor(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after 60 s waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }
}
