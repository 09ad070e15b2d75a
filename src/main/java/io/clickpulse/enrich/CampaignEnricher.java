package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Adds utm_source … utm_content, referrer_host and channel_group from page_url and referrer. */
public final class CampaignEnricher implements Enricher {
  static final StructType RESULT = new StructType()
      .add("source", DataTypes.StringType).add("medium", DataTypes.StringType).add("campaign", DataTypes.StringType)
      .add("term", DataTypes.StringType).add("content", DataTypes.StringType).add("referrer_host", DataTypes.StringType)
      .add("channel_group", DataTypes.StringType);

  private final UserDefinedFunction parse;

  public CampaignEnricher(boolean enabled, List<String> ownHosts) {
    CampaignParser parser = new CampaignParser(ownHosts);
    this.parse = enabled ? udf((UDF2<String, String, Row>) (url, referrer) -> {
      Campaign c = parser.parse(url, referrer);
      return RowFactory.create(c.utmSource(), c.utmMedium(), c.utmCampaign(), c.utmTerm(), c.utmContent(), c.referrerHost(),
          c.channelGroup());
    }, RESULT) : null;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> events) {
    return StructColumns.spread(events, parse == null ? null : parse.apply(col("page_url"), col("referrer")), RESULT,
        List.of("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "referrer_host", "channel_group"));
  }
}
