package io.clickpulse.enrich;

import static io.clickpulse.enrich.EnrichedColumns.BASE_PRICE;
import static io.clickpulse.enrich.EnrichedColumns.CATEGORY;
import static io.clickpulse.enrich.EnrichedColumns.CURRENT_PRICE;
import static io.clickpulse.enrich.EnrichedColumns.PRODUCT_NAME;
import static io.clickpulse.enrich.EnrichedColumns.STOCK;
import static io.clickpulse.enrich.EnrichedColumns.UNITS_SOLD_24H;
import static io.clickpulse.enrich.EnrichedColumns.USER_NAME;
import static io.clickpulse.enrich.EnrichedColumns.USER_SEGMENT;
import static io.clickpulse.event.EventColumns.PRODUCT_ID;
import static io.clickpulse.event.EventColumns.USER_ID;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.clickpulse.config.AwsConfig;
import io.clickpulse.config.TableNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product catalog, recent order volume and user profiles, read from DynamoDB with
 * spark-dynamodb (explicit schemas: inference reads 12.5 as 12), held in memory on the driver's
 * session and re-read when older than the refresh interval, so new prices reach the running query
 * without a restart.
 */
public final class ReferenceData {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceData.class);
  static final String DYNAMODB_FORMAT =
      "com.audienceproject.spark.dynamodb.datasource.DefaultSource";

  // the tables' keys are named as the events' columns they join on
  static final StructType PRODUCTS_SCHEMA =
      new StructType()
          .add(PRODUCT_ID, DataTypes.LongType)
          .add("name", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          // spark-dynamodb hands decimals to Spark as java.math.BigDecimal, which Spark rejects:
          // read doubles, cast to decimal(12,2) below (exact for prices with two decimals)
          .add("base_price", DataTypes.DoubleType)
          .add("price", DataTypes.DoubleType)
          .add("stock", DataTypes.IntegerType);

  static final StructType ORDERS_SCHEMA =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add(PRODUCT_ID, DataTypes.LongType)
          .add("units", DataTypes.IntegerType)
          .add("ordered_at_epoch", DataTypes.LongType);

  static final StructType USERS_SCHEMA =
      new StructType()
          .add(USER_ID, DataTypes.StringType)
          .add("name", DataTypes.StringType)
          .add("segment", DataTypes.StringType);

  /** The three tables as read at one time. */
  private record Snapshot(Dataset<Row> products, Dataset<Row> unitsSold24h, Dataset<Row> users) {
    void unpersist() {
      products.unpersist();
      unitsSold24h.unpersist();
      users.unpersist();
    }
  }

  private final Function<Instant, Snapshot> reader;
  private final Duration refresh;
  private final Clock clock;
  private Snapshot current;
  private Instant loadedAt = Instant.EPOCH;

  /**
   * The products, orders and users tables of {@code tables} in {@code aws.region()}, re-read every
   * {@code refresh}.
   */
  public ReferenceData(
      SparkSession spark, AwsConfig aws, TableNames tables, Duration refresh, Clock clock) {
    this(now -> read(spark, aws.region(), tables, now), refresh, clock);
  }

  private ReferenceData(Function<Instant, Snapshot> reader, Duration refresh, Clock clock) {
    this.reader = reader;
    this.refresh = refresh;
    this.clock = clock;
  }

  /** Fixed reference tables that never refresh: for tests and replays of known data. */
  public static ReferenceData fixed(
      Dataset<Row> products, Dataset<Row> unitsSold24h, Dataset<Row> users) {
    Snapshot fixed = new Snapshot(products, unitsSold24h, users);
    ReferenceData r = new ReferenceData(now -> fixed, Duration.ofDays(365_000), Clock.systemUTC());
    r.current = fixed;
    r.loadedAt = Instant.now();
    return r;
  }

  /** product_id, product_name, category, base_price, current_price, stock. */
  public synchronized Dataset<Row> products() {
    return fresh().products();
  }

  /** product_id, units_sold_24h: units ordered in the 24 h before the last refresh. */
  public synchronized Dataset<Row> unitsSold24h() {
    return fresh().unitsSold24h();
  }

  /** user_id, user_name, user_segment. */
  public synchronized Dataset<Row> users() {
    return fresh().users();
  }

  private Snapshot fresh() {
    Instant now = clock.instant();
    if (current != null && now.isBefore(loadedAt.plus(refresh))) {
      return current;
    }
    Snapshot next = reader.apply(now);
    if (current != null) {
      current.unpersist();
    }
    current = next;
    loadedAt = now;
    return current;
  }

  private static Snapshot read(SparkSession spark, String region, TableNames tables, Instant now) {
    Dataset<Row> p =
        read(spark, region, tables.products(), PRODUCTS_SCHEMA)
            .select(
                col(PRODUCT_ID),
                col("name").as(PRODUCT_NAME),
                col("category").as(CATEGORY),
                col("base_price").cast("decimal(12,2)").as(BASE_PRICE),
                col("price").cast("decimal(12,2)").as(CURRENT_PRICE),
                col("stock").as(STOCK))
            .localCheckpoint(true);
    long since = now.minus(Duration.ofHours(24)).getEpochSecond();
    Dataset<Row> o =
        read(spark, region, tables.orders(), ORDERS_SCHEMA)
            .where(col("ordered_at_epoch").geq(lit(since)))
            .groupBy(PRODUCT_ID)
            .agg(sum("units").cast("long").as(UNITS_SOLD_24H))
            .localCheckpoint(true);
    Dataset<Row> u =
        read(spark, region, tables.users(), USERS_SCHEMA)
            .select(col(USER_ID), col("name").as(USER_NAME), col("segment").as(USER_SEGMENT))
            .localCheckpoint(true);
    LOG.info(
        "reference data refreshed from {}, {} and {}",
        tables.products(),
        tables.orders(),
        tables.users());
    return new Snapshot(p, o, u);
  }

  private static Dataset<Row> read(
      SparkSession spark, String region, String table, StructType schema) {
    return spark
        .read()
        .format(DYNAMODB_FORMAT)
        .schema(schema)
        .option("tableName", table)
        .option("region", region)
        .load();
  }
}
