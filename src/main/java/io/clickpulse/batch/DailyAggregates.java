package io.clickpulse.batch;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clickpulse.aggregate.FunnelCounts;
import io.clickpulse.enrich.EnrichedColumns;
import io.clickpulse.event.EventColumns;
import io.clickpulse.session.SessionColumns;
import io.clickpulse.sink.LakeDataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The daily aggregates, as pure transforms of one day's events and sessions (the day's
 * year/month/day columns are kept as the output's partition). Rates are null where their
 * denominator is zero. Each has its table in athena-ddl/tables/agg_*.sql.
 */
public final class DailyAggregates {
  /** Session duration buckets: label and lower bound in seconds (each up to the next bound). */
  public static final List<Map.Entry<String, Long>> DURATION_BUCKETS =
      List.of(
          Map.entry("0-10s", 0L),
          Map.entry("10-30s", 10L),
          Map.entry("30s-1min", 30L),
          Map.entry("1-5min", 60L),
          Map.entry("5-15min", 300L),
          Map.entry("15-30min", 900L),
          Map.entry("30min+", 1800L));

  private DailyAggregates() {}

  /** The aggregates of one day, by the dataset each is written to. */
  public static Map<LakeDataset, Dataset<Row>> all(Dataset<Row> events, Dataset<Row> sessions) {
    Map<LakeDataset, Dataset<Row>> out = new LinkedHashMap<>();
    out.put(LakeDataset.AGG_EVENTS_BY_COUNTRY, eventsByCountry(events));
    out.put(LakeDataset.AGG_ACTIONS_PER_CUSTOMER, actionsPerCustomer(events));
    out.put(LakeDataset.AGG_TOP_REGIONS, topRegions(events));
    out.put(LakeDataset.AGG_PRODUCT_FUNNEL, productFunnel(events));
    out.put(LakeDataset.AGG_SESSIONS_BY_DURATION, sessionsByDuration(sessions));
    return out;
  }

  /** Events and users per country (ISO code, "unknown" where geo IP found none) and event name. */
  public static Dataset<Row> eventsByCountry(Dataset<Row> events) {
    return events
        .groupBy(
            col("year"),
            col("month"),
            col("day"),
            coalesce(col(EnrichedColumns.GEO_COUNTRY), lit("unknown")).as("country"),
            col(EventColumns.EVENT_NAME))
        .agg(count(lit(1)).as("events"), countDistinct(col(EventColumns.USER_ID)).as("users"));
  }

  /** Per customer: actions by kind, revenue, first and last event of the day. */
  public static Dataset<Row> actionsPerCustomer(Dataset<Row> events) {
    return events
        .where(col(EventColumns.USER_ID).isNotNull())
        .groupBy(col("year"), col("month"), col("day"), col(EventColumns.USER_ID))
        .agg(
            max(col(EnrichedColumns.USER_NAME)).as(EnrichedColumns.USER_NAME),
            withFunnel(
                List.of(
                    max(col(EnrichedColumns.USER_SEGMENT)).as(EnrichedColumns.USER_SEGMENT),
                    count(lit(1)).as("actions")),
                List.of(
                    coalesce(FunnelCounts.revenue(), lit(0).cast("decimal(12,2)"))
                        .cast("decimal(14,2)")
                        .as("revenue"),
                    min(col(EventColumns.EVENT_TIME)).as("first_event_time"),
                    max(col(EventColumns.EVENT_TIME)).as("last_event_time"))));
  }

  /** Events and users per region, ranked within the day (1 = most events; ties share a rank). */
  public static Dataset<Row> topRegions(Dataset<Row> events) {
    Dataset<Row> regions =
        events
            .where(col(EnrichedColumns.GEO_REGION).isNotNull())
            .groupBy(
                col("year"),
                col("month"),
                col("day"),
                col(EnrichedColumns.GEO_COUNTRY).as("country"),
                col(EnrichedColumns.GEO_REGION).as("region"))
            .agg(count(lit(1)).as("events"), countDistinct(col(EventColumns.USER_ID)).as("users"));
    return regions.withColumn(
        "rank",
        dense_rank()
            .over(Window.partitionBy("year", "month", "day").orderBy(col("events").desc())));
  }

  /** search → view → cart → purchase per product, with step and overall conversion rates. */
  public static Dataset<Row> productFunnel(Dataset<Row> events) {
    Dataset<Row> f =
        events
            .where(col(EventColumns.PRODUCT_ID).isNotNull())
            .groupBy(col("year"), col("month"), col("day"), col(EventColumns.PRODUCT_ID))
            .agg(
                max(col(EnrichedColumns.PRODUCT_NAME)).as(EnrichedColumns.PRODUCT_NAME),
                withFunnel(
                    List.of(max(col(EnrichedColumns.CATEGORY)).as(EnrichedColumns.CATEGORY)),
                    List.of()));
    return f.withColumn("view_rate", rate("views", "searches"))
        .withColumn("cart_rate", rate("add_to_carts", "views"))
        .withColumn("purchase_rate", rate("purchases", "add_to_carts"))
        .withColumn("conversion_rate", rate("purchases", "views"));
  }

  /** Sessions per duration bucket and device: count, total and mean duration, events. */
  public static Dataset<Row> sessionsByDuration(Dataset<Row> sessions) {
    Column bucket = lit(DURATION_BUCKETS.get(0).getKey());
    for (Map.Entry<String, Long> b : DURATION_BUCKETS.subList(1, DURATION_BUCKETS.size())) {
      bucket =
          when(col(SessionColumns.DURATION_SEC).geq(b.getValue()), lit(b.getKey()))
              .otherwise(bucket);
    }
    Column order = lit(0);
    for (int i = 1; i < DURATION_BUCKETS.size(); i++) {
      order =
          when(col(SessionColumns.DURATION_SEC).geq(DURATION_BUCKETS.get(i).getValue()), lit(i))
              .otherwise(order);
    }
    return sessions
        .groupBy(
            col("year"),
            col("month"),
            col("day"),
            bucket.as("duration_bucket"),
            order.as("bucket_order"),
            col(EventColumns.DEVICE_ID))
        .agg(
            count(lit(1)).as("sessions"),
            sum(col(SessionColumns.DURATION_SEC)).cast("bigint").as("total_duration_sec"),
            round(sum(col(SessionColumns.DURATION_SEC)).divide(count(lit(1))), 1)
                .as("avg_duration_sec"),
            sum(col("events")).cast("bigint").as("events"),
            count(when(col("converted"), 1)).as("converted_sessions"));
  }

  /** The funnel counts between other aggregate columns, in the tables' column order. */
  private static Column[] withFunnel(List<Column> before, List<Column> after) {
    return Stream.of(before, FunnelCounts.counts(), after)
        .flatMap(List::stream)
        .toArray(Column[]::new);
  }

  private static Column rate(String num, String den) {
    return when(col(den).gt(0), round(col(num).divide(col(den)), 4));
  }
}
