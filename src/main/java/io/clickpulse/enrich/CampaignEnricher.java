package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.clickpulse.event.EventColumns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Adds utm_source … utm_content, referrer_host and channel_group from page_url and referrer. */
public final class CampaignEnricher implements Enricher {
  static final StructType RESULT =
      new StructType()
          .add("source", DataTypes.StringType)
          .add("medium", DataTypes.StringType)
          .add("campaign", DataTypes.StringType)
          .add("term", DataTypes.StringType)
          .add("content", DataTypes.StringType)
          .add("referrer_host", DataTypes.StringType)
          .add("channel_group", DataTypes.StringType);

  private static final int CACHE_SIZE = 10_000;
  private static final int MAX_KEY_CHARS = 4096;

  private final UserDefinedFunction parse;

  public CampaignEnricher(boolean enabled, List<String> ownHosts) {
    CampaignParser parser = new CampaignParser(ownHosts);
    // a memo of result rows per task: a site has few landing URL and referrer pairs next to its
    // many events
    ExecutorLocal<BoundedCache<String, Row>> memo =
        new ExecutorLocal<>(() -> new BoundedCache<>(CACHE_SIZE));
    this.parse =
        enabled
            ? udf(
                (UDF2<String, String, Row>)
                    (url, referrer) -> {
                      String key =
                          (url == null ? "\u0001" : url)
                              + "\u0000"
                              + (referrer == null ? "\u0001" : referrer);
                      return key.length() > MAX_KEY_CHARS
                          ? row(parser, url, referrer)
                          : memo.get().get(key, k -> row(parser, url, referrer));
                    },
                RESULT)
            : null;
  }

  private static Row row(CampaignParser parser, String url, String referrer) {
    Campaign c = parser.parse(url, referrer);
    return RowFactory.create(
        c.utmSource(),
        c.utmMedium(),
        c.utmCampaign(),
        c.utmTerm(),
        c.utmContent(),
        c.referrerHost(),
        c.channelGroup());
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> events) {
    Column struct =
        parse == null ? null : parse.apply(col(EventColumns.PAGE_URL), col(EventColumns.REFERRER));
    return StructColumns.spread(
        events,
        struct,
        RESULT,
        List.of(
            EnrichedColumns.UTM_SOURCE,
            EnrichedColumns.UTM_MEDIUM,
            EnrichedColumns.UTM_CAMPAIGN,
            EnrichedColumns.UTM_TERM,
            EnrichedColumns.UTM_CONTENT,
            EnrichedColumns.REFERRER_HOST,
            EnrichedColumns.CHANNEL_GROUP));
  }
}
