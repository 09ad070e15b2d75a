package io.clickpulse.dev.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_date;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.enrich.EnrichedColumns;
import io.clickpulse.event.EventColumns;
import io.clickpulse.sink.LakeDataset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the enrichers added to the demo's events, read back from the events Parquet on S3. */
final class EnrichmentReport {
  private EnrichmentReport() {}

  static Map<String, Object> of(SparkSession spark, ClickpulseConfig config) {
    Dataset<Row> events =
        LakeDataset.EVENTS.read(spark, LakeDataset.EVENTS.uri(config.lake())).cache();
    try {
      Row totals =
          events
              .agg(
                  count("*"),
                  count(col(EnrichedColumns.GEO_COUNTRY)),
                  count(col(EnrichedColumns.GEO_CITY)),
                  count(when(col(EnrichedColumns.IS_BOT), 1)),
                  count(col(EnrichedColumns.UA_DEVICE_CLASS)),
                  count(col(EnrichedColumns.UTM_SOURCE)),
                  count(col(EventColumns.USER_ID)),
                  count(col(EnrichedColumns.USER_NAME)),
                  // what Athena's events_today must answer: events of today's UTC date (not the
                  // late ones of yesterday)
                  count(when(to_date(col(EventColumns.EVENT_TIME)).equalTo(current_date()), 1)))
              .first();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("events", totals.getLong(0));
      out.put("events_today", totals.getLong(8));
      out.put("located_by_geo_ip", totals.getLong(1));
      out.put("located_to_a_city", totals.getLong(2));
      out.put("bot_events", totals.getLong(3));
      out.put("with_device_class", totals.getLong(4));
      out.put("with_utm_campaign_tags", totals.getLong(5));
      out.put("with_user_id", totals.getLong(6));
      out.put("with_user_name", totals.getLong(7));
      out.put("events_by_country", top(events, EnrichedColumns.GEO_COUNTRY, 10));
      out.put("events_by_channel_group", top(events, EnrichedColumns.CHANNEL_GROUP, 10));
      out.put("events_by_device_class", top(events, EnrichedColumns.UA_DEVICE_CLASS, 10));
      out.put("events_by_browser", top(events, EnrichedColumns.UA_BROWSER, 10));
      out.put("events_by_city", top(events, EnrichedColumns.GEO_CITY, 5));
      return out;
    } finally {
      events.unpersist();
    }
  }

  private static Map<String, Long> top(Dataset<Row> events, String column, int n) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Row r :
        events
            .groupBy(col(column))
            .count()
            .orderBy(desc("count"), col(column))
            .limit(n)
            .collectAsList()) {
      out.put(r.isNullAt(0) ? "(null)" : r.get(0).toString(), r.getLong(1));
    }
    return out;
  }
}
