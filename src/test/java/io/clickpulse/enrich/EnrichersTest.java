package io.clickpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventDecoder;
import io.clickpulse.event.RecordDecoding;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Every enricher together, on decoded records as the streaming job and FlattenJob see them. */
class EnrichersTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:00:30Z");
  static final String IPHONE =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " Version/17.4 Mobile/15E148 Safari/604.1";

  static String pixel(
      String clickId, String userId, String ip, String ua, String url, String referrer) {
    StringBuilder b =
        new StringBuilder(
                "{\"timestamp\":\"2026-11-21 10:00:00.000000\",\"event_name\":\"ViewContent\"")
            .append(",\"user_id\":\"")
            .append(userId)
            .append("\",\"click_id\":\"")
            .append(clickId)
            .append('"')
            .append(",\"additional_data\":{\"product_id\":1,\"percent_viewed\":50}");
    put(b, "user_ip", ip);
    put(b, "user_agent", ua);
    put(b, "page_url", url);
    put(b, "referrer", referrer);
    return b.append('}').toString();
  }

  private static void put(StringBuilder b, String field, String value) {
    if (value != null) {
      b.append(",\"").append(field).append("\":\"").append(value.replace("\"", "\\\"")).append('"');
    }
  }

  static Dataset<Row> decoded(SparkSession spark, List<String> json) {
    EventDecoder decoder = EventDecoder.from(ClickpulseConfig.fromArgs().streaming());
    List<Row> rows = new ArrayList<>();
    int seq = 0;
    for (String j : json) {
      rows.add(
          RecordDecoding.toRow(
              decoder, j.getBytes(StandardCharsets.UTF_8), "pk", String.valueOf(++seq), NOW));
    }
    return spark.createDataFrame(rows, DecodedSchema.DECODED);
  }

  static ReferenceData reference(SparkSession spark) {
    Dataset<Row> products =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    1L, "Pro Lamp", "home", new BigDecimal("10.00"), new BigDecimal("12.50"), 5)),
            new StructType()
                .add("product_id", DataTypes.LongType)
                .add("product_name", DataTypes.StringType)
                .add("category", DataTypes.StringType)
                .add("base_price", DataTypes.createDecimalType(12, 2))
                .add("current_price", DataTypes.createDecimalType(12, 2))
                .add("stock", DataTypes.IntegerType));
    Dataset<Row> units =
        spark.createDataFrame(
            List.of(RowFactory.create(1L, 7L)),
            new StructType()
                .add("product_id", DataTypes.LongType)
                .add("units_sold_24h", DataTypes.LongType));
    Dataset<Row> users =
        spark.createDataFrame(
            List.of(
                RowFactory.create("1", "Ann Lee", "loyal"),
                RowFactory.create("2", "Bo Chen", "new")),
            new StructType()
                .add("user_id", DataTypes.StringType)
                .add("user_name", DataTypes.StringType)
                .add("user_segment", DataTypes.StringType));
    return ReferenceData.fixed(products, units, users);
  }

  static Map<String, Row> enrich(ClickpulseConfig config, List<String> json) {
    SparkSession spark = SparkTestSession.get();
    EnricherChain enrichers = Enrichers.standard(spark, config.enrich(), reference(spark));
    return enrichers.eventsOf(decoded(spark, json)).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("event_id"), r -> r));
  }

  @Test
  void everyEnricherAddsItsColumnsAndBadValuesBecomeNulls() {
    Map<String, Row> out =
        enrich(
            ClickpulseConfig.fromArgs(),
            List.of(
                pixel(
                    "e1",
                    "1",
                    "81.2.69.142",
                    IPHONE,
                    "https://shop.example.com/p/1?utm_source=newsletter&utm_medium=email&utm_campaign=weekly",
                    null),
                pixel(
                    "e2",
                    "99",
                    "10.0.0.1",
                    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                    "https://shop.example.com/p/1",
                    "https://www.google.com/"),
                pixel("e3", "2", "garbage", null, "::not a url?utm_source=%%", "::::"),
                pixel(
                    "e4",
                    "2",
                    "2a02:908:1:1::1",
                    "",
                    "https://shop.example.com/p/1",
                    "https://shop.example.com/search")));
    assertThat(out).hasSize(4);

    Row e1 = out.get("e1");
    assertThat(List.of(e1.getAs("geo_country"), e1.getAs("geo_region"), e1.getAs("geo_city")))
        .containsExactly("GB", "England", "Bracknell");
    assertThat(e1.<String>getAs("user_ip"))
        .isEqualTo("81.2.69.142"); // not anonymized in the local profile
    assertThat(
            List.of(
                e1.getAs("ua_browser"),
                e1.getAs("ua_os"),
                e1.getAs("ua_device_class"),
                e1.getAs("is_bot")))
        .containsExactly("Safari", "iOS", "Phone", false);
    assertThat(
            List.of(
                e1.getAs("utm_source"),
                e1.getAs("utm_medium"),
                e1.getAs("utm_campaign"),
                e1.getAs("channel_group")))
        .containsExactly("newsletter", "email", "weekly", "Email");
    assertThat(List.of(e1.getAs("user_name"), e1.getAs("user_segment")))
        .containsExactly("Ann Lee", "loyal");
    assertThat(e1.<String>getAs("product_name")).isEqualTo("Pro Lamp");

    Row e2 = out.get("e2");
    assertThat(e2.<String>getAs("geo_country")).isNull();
    assertThat(e2.<Boolean>getAs("is_bot")).isTrue();
    assertThat(e2.<String>getAs("ua_device_class")).isEqualTo("Robot");
    assertThat(List.of(e2.getAs("referrer_host"), e2.getAs("channel_group")))
        .containsExactly("www.google.com", "Organic Search");
    assertThat(e2.<String>getAs("user_name")).isNull(); // unknown user id keeps its row

    Row e3 = out.get("e3");
    assertThat(e3.<String>getAs("geo_country")).isNull();
    assertThat(e3.<String>getAs("user_ip")).isEqualTo("garbage");
    assertThat(e3.<String>getAs("ua_browser")).isNull();
    assertThat(e3.<String>getAs("utm_source")).isEqualTo("%%");
    assertThat(e3.<String>getAs("referrer_host")).isNull();
    assertThat(e3.<String>getAs("user_segment")).isEqualTo("new");

    Row e4 = out.get("e4");
    assertThat(List.of(e4.getAs("geo_country"), e4.getAs("geo_city")))
        .containsExactly("DE", "Frankfurt am Main");
    assertThat(e4.<String>getAs("channel_group"))
        .isEqualTo("Direct"); // the site's own page is no source
  }

  @Test
  void anonymizationReplacesTheAddressAfterTheLookup() {
    Map<String, Row> out =
        enrich(
            ClickpulseConfig.fromArgs("--enrich.geoip.anonymize-ip", "true"),
            List.of(
                pixel("a1", "1", "81.2.69.142", null, null, null),
                pixel("a2", "1", "2a02:908:1:1::1", null, null, null),
                pixel("a3", "1", "not an address", null, null, null)));
    assertThat(out.get("a1").<String>getAs("user_ip")).isEqualTo("81.2.69.0");
    assertThat(out.get("a1").<String>getAs("geo_city")).isEqualTo("Bracknell");
    assertThat(out.get("a2").<String>getAs("user_ip")).isEqualTo("2a02:908:1:0:0:0:0:0");
    assertThat(out.get("a2").<String>getAs("geo_country")).isEqualTo("DE");
    assertThat(out.get("a3").<String>getAs("user_ip")).isNull();
  }

  @Test
  void enrichersThatAreOffKeepTheSchemaWithNullColumns() {
    SparkSession spark = SparkTestSession.get();
    List<String> json =
        List.of(
            pixel(
                "o1", "1", "81.2.69.142", IPHONE, "https://shop.example.com/?utm_source=x", null));
    ClickpulseConfig on = ClickpulseConfig.fromArgs();
    ClickpulseConfig off =
        ClickpulseConfig.fromArgs(
            "--enrich.geoip.databases",
            "",
            "--enrich.user-agent.enabled",
            "false",
            "--enrich.campaign.enabled",
            "false",
            "--enrich.user-profile.enabled",
            "false");
    StructType full =
        Enrichers.standard(spark, on.enrich(), reference(spark))
            .eventsOf(decoded(spark, json))
            .schema();
    Dataset<Row> bare =
        Enrichers.standard(spark, off.enrich(), reference(spark)).eventsOf(decoded(spark, json));
    assertThat(bare.schema()).isEqualTo(full);
    Row r = bare.first();
    for (String c :
        List.of(
            "geo_country", "ua_browser", "is_bot", "utm_source", "channel_group", "user_name")) {
      assertThat(r.<Object>getAs(c)).as(c).isNull();
    }
    assertThat(r.<String>getAs("product_name")).isEqualTo("Pro Lamp");
  }

  @Test
  void aMissingLocalDatabaseIsAConfigErrorAtStart() {
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs("--enrich.geoip.databases", "/nowhere/GeoLite2-City.mmdb");
    Assertions.assertThatThrownBy(
            () ->
                Enrichers.standard(
                    SparkTestSession.get(), c.enrich(), reference(SparkTestSession.get())))
        .hasMessageContaining("enrich.geoip.databases")
        .hasMessageContaining("setup");
  }
}
