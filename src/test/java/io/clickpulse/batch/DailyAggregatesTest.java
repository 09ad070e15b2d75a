package io.clickpulse.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Hand-computed daily aggregates of eight events and five sessions. */
class DailyAggregatesTest {
  static final StructType EVENTS =
      new StructType()
          .add("year", DataTypes.StringType)
          .add("month", DataTypes.StringType)
          .add("day", DataTypes.StringType)
          .add("event_time", DataTypes.TimestampType)
          .add("event_name", DataTypes.StringType)
          .add("user_id", DataTypes.StringType)
          .add("user_name", DataTypes.StringType)
          .add("user_segment", DataTypes.StringType)
          .add("geo_country", DataTypes.StringType)
          .add("geo_region", DataTypes.StringType)
          .add("product_id", DataTypes.LongType)
          .add("product_name", DataTypes.StringType)
          .add("category", DataTypes.StringType)
          .add("price", DataTypes.createDecimalType(12, 2));

  static Row e(
      String time,
      String name,
      String user,
      String country,
      String region,
      Long product,
      String price) {
    return RowFactory.create(
        "2026",
        "11",
        "21",
        Timestamp.valueOf("2026-11-21 " + time),
        name,
        user,
        user == null ? null : "User " + user,
        user == null ? null : "loyal",
        country,
        region,
        product,
        product == null ? null : "P" + product,
        product == null ? null : "home",
        price == null ? null : new BigDecimal(price));
  }

  static Dataset<Row> events() {
    return SparkTestSession.get()
        .createDataFrame(
            List.of(
                e("10:00:00", "Search", "1", "US", "California", 7L, null),
                e("10:00:05", "ViewContent", "1", "US", "California", 7L, null),
                e("10:00:09", "AddToCart", "1", "US", "California", 7L, null),
                e("10:00:20", "Purchase", "1", "US", "California", 7L, "19.99"),
                e("11:00:00", "Search", "2", "GB", "England", 7L, null),
                e("11:00:03", "ViewContent", "2", "GB", "England", 8L, null),
                e("12:00:00", "ViewContent", "3", "US", "Texas", 8L, null),
                e("13:00:00", "click", null, null, null, null, null)),
            EVENTS);
  }

  static <T> List<String> rows(Dataset<Row> d, String... cols) {
    List<String> out = new ArrayList<>();
    for (Row r : d.selectExpr(cols).collectAsList()) {
      List<String> v = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        v.add(String.valueOf(r.get(i)));
      }
      out.add(String.join("|", v));
    }
    return out.stream().sorted().collect(Collectors.toList());
  }

  @Test
  void eventsByCountryCountsEventsAndDistinctUsers() {
    assertThat(
            rows(
                DailyAggregates.eventsByCountry(events()),
                "day",
                "country",
                "event_name",
                "events",
                "users"))
        .containsExactly(
            "21|GB|Search|1|1",
            "21|GB|ViewContent|1|1",
            "21|US|AddToCart|1|1",
            "21|US|Purchase|1|1",
            "21|US|Search|1|1",
            "21|US|ViewContent|2|2",
            "21|unknown|click|1|0");
  }

  @Test
  void actionsPerCustomerSkipAnonymousEvents() {
    assertThat(
            rows(
                DailyAggregates.actionsPerCustomer(events()),
                "user_id",
                "user_name",
                "actions",
                "searches",
                "views",
                "add_to_carts",
                "purchases",
                "revenue",
                "first_event_time",
                "last_event_time"))
        .containsExactly(
            "1|User 1|4|1|1|1|1|19.99|2026-11-21 10:00:00.0|2026-11-21 10:00:20.0",
            "2|User 2|2|1|1|0|0|0.00|2026-11-21 11:00:00.0|2026-11-21 11:00:03.0",
            "3|User 3|1|0|1|0|0|0.00|2026-11-21 12:00:00.0|2026-11-21 12:00:00.0");
  }

  @Test
  void topRegionsAreRankedByEventsWithTiesSharingARank() {
    assertThat(
            rows(
                DailyAggregates.topRegions(events()),
                "rank",
                "country",
                "region",
                "events",
                "users"))
        .containsExactly("1|US|California|4|1", "2|GB|England|2|1", "3|US|Texas|1|1");
  }

  @Test
  void productFunnelHasRatesWithNullsForEmptyDenominators() {
    assertThat(
            rows(
                DailyAggregates.productFunnel(events()),
                "product_id",
                "searches",
                "views",
                "add_to_carts",
                "purchases",
                "view_rate",
                "cart_rate",
                "purchase_rate",
                "conversion_rate"))
        .containsExactly("7|2|1|1|1|0.5|1.0|1.0|1.0", "8|0|2|0|0|null|0.0|null|0.0");
  }

  @Test
  void sessionsAreBucketedByDurationAndDevice() {
    SparkSession spark = SparkTestSession.get();
    StructType s =
        new StructType()
            .add("year", DataTypes.StringType)
            .add("month", DataTypes.StringType)
            .add("day", DataTypes.StringType)
            .add("duration_sec", DataTypes.LongType)
            .add("device_id", DataTypes.StringType)
            .add("events", DataTypes.IntegerType)
            .add("converted", DataTypes.BooleanType);
    Dataset<Row> sessions =
        spark.createDataFrame(
            List.of(
                RowFactory.create("2026", "11", "21", 0L, "mobile", 1, false),
                RowFactory.create("2026", "11", "21", 9L, "mobile", 3, true),
                RowFactory.create("2026", "11", "21", 10L, "mobile", 4, false),
                RowFactory.create("2026", "11", "21", 1800L, "computer", 40, true),
                RowFactory.create("2026", "11", "21", 400L, "computer", 12, false)),
            s);
    assertThat(
            rows(
                DailyAggregates.sessionsByDuration(sessions),
                "bucket_order",
                "duration_bucket",
                "device_id",
                "sessions",
                "total_duration_sec",
                "avg_duration_sec",
                "events",
                "converted_sessions"))
        .containsExactly(
            "0|0-10s|mobile|2|9|4.5|4|1",
            "1|10-30s|mobile|1|10|10.0|4|0",
            "4|5-15min|computer|1|400|400.0|12|0",
            "6|30min+|computer|1|1800|1800.0|40|1");
  }
}
