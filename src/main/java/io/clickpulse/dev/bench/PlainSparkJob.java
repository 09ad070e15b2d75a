package io.clickpulse.dev.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The bench's baseline: the Spark job a user would write by hand for the core of clickpulse's work,
 * on the same Kinesis-shaped rows. from_json of the pixel shape, 11 flat columns, dedup on click_id
 * within the watermark, Parquet by hour, the raw text, high-intent Parquet, and demand counts per
 * product and minute put to DynamoDB. No enrichment, no bad records, not idempotent under replay.
 */
public final class PlainSparkJob {
  private static final StructType PIXEL =
      new StructType()
          .add("timestamp", DataTypes.StringType)
          .add("user_id", DataTypes.StringType)
          .add("pixel_id", DataTypes.StringType)
          .add("click_id", DataTypes.StringType)
          .add("insertion_timestamp", DataTypes.StringType)
          .add("event_name", DataTypes.StringType)
          .add("user_ip", DataTypes.StringType)
          .add(
              "additional_data",
              new StructType()
                  .add("time_on_data", DataTypes.LongType)
                  .add("percent_viewed", DataTypes.DoubleType)
                  .add("product_id", DataTypes.LongType)
                  .add("price", DataTypes.createDecimalType(12, 2)));

  private PlainSparkJob() {}

  /** The baseline's demand table (one string key), created when missing; returns its name. */
  public static String createTable(DynamoDbClient dynamo, String name) {
    try {
      dynamo.createTable(
          b ->
              b.tableName(name)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                  .attributeDefinitions(
                      a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
    } catch (ResourceInUseException exists) {
      // from an earlier bench on this stack
    }
    return name;
  }

  /**
   * The query on {@code records} (data, partitionKey, sequenceNumber, arrival), outputs under out.
   */
  public static StreamingQuery start(
      Dataset<Row> records, String out, String checkpoint, DynamoDbClient dynamo, String table)
      throws TimeoutException {
    Dataset<Row> events =
        records
            .select(
                from_json(col("data").cast("string"), PIXEL).as("e"),
                col("data").cast("string").as("raw"),
                col("approximateArrivalTimestamp").as("arrival_time"))
            .select(
                col("e.click_id").as("event_id"),
                col("e.event_name").as("event_name"),
                col("e.user_id").as("user_id"),
                col("e.pixel_id").as("pixel_id"),
                col("e.user_ip").as("user_ip"),
                to_timestamp(col("e.timestamp")).as("event_time"),
                to_timestamp(col("e.insertion_timestamp")).as("insertion_time"),
                col("e.additional_data.product_id").as("product_id"),
                col("e.additional_data.price").as("price"),
                col("e.additional_data.percent_viewed").as("percent_viewed"),
                col("e.additional_data.time_on_data").as("time_on_data"),
                col("raw"),
                col("arrival_time"))
            .withWatermark("arrival_time", "15 minutes")
            .dropDuplicatesWithinWatermark("event_id");
    return events
        .writeStream()
        .queryName("plain-spark-baseline")
        .option("checkpointLocation", checkpoint)
        .trigger(Trigger.AvailableNow())
        .foreachBatch(
            (Dataset<Row> batch, Long id) -> {
              Dataset<Row> b = batch.persist();
              Dataset<Row> byHour =
                  b.drop("raw").withColumn("hour", date_format(col("event_time"), "yyyy-MM-dd-HH"));
              byHour.write().mode(SaveMode.Append).partitionBy("hour").parquet(out + "events");
              b.select("raw").write().mode(SaveMode.Append).text(out + "raw");
              byHour
                  .where(col("event_name").equalTo("ViewContent").and(col("percent_viewed").gt(60)))
                  .write()
                  .mode(SaveMode.Append)
                  .partitionBy("hour")
                  .parquet(out + "high_intent");
              putDemand(demand(b), dynamo, table);
              b.unpersist();
            })
        .start();
  }

  private static List<Row> demand(Dataset<Row> b) {
    return b.where(col("product_id").isNotNull())
        .groupBy(col("product_id"), window(col("event_time"), "1 minute").as("w"))
        .agg(
            count(when(col("event_name").equalTo("ViewContent"), lit(1))).as("views"),
            count(when(col("event_name").equalTo("AddToCart"), lit(1))).as("add_to_carts"),
            count(when(col("event_name").equalTo("Purchase"), lit(1))).as("purchases"),
            sum(when(col("event_name").equalTo("Purchase"), col("price"))).as("revenue"))
        .select(
            col("product_id"),
            col("w.start").cast("string").as("window_start"),
            col("views"),
            col("add_to_carts"),
            col("purchases"),
            col("revenue"))
        .collectAsList();
  }

  private static void putDemand(List<Row> rows, DynamoDbClient dynamo, String table) {
    List<WriteRequest> batch = new ArrayList<>();
    for (Row r : rows) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("pk", AttributeValue.fromS(r.getLong(0) + "#" + r.getString(1)));
      item.put("views", AttributeValue.fromN(Long.toString(r.getLong(2))));
      item.put("add_to_carts", AttributeValue.fromN(Long.toString(r.getLong(3))));
      item.put("purchases", AttributeValue.fromN(Long.toString(r.getLong(4))));
      item.put("revenue", AttributeValue.fromN(r.isNullAt(5) ? "0" : r.get(5).toString()));
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      if (batch.size() == 25) {
        write(dynamo, table, batch);
      }
    }
    write(dynamo, table, batch);
  }

  private static void write(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
    if (!batch.isEmpty()) {
      Map<String, List<WriteRequest>> left = Map.of(table, List.copyOf(batch));
      while (!left.isEmpty()) {
        Map<String, List<WriteRequest>> request = left;
        left = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
      }
      batch.clear();
    }
  }
}
