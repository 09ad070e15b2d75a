package io.clickpulse.dev.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.generate.Producer;
import io.clickpulse.dev.generate.ProducerMix;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.event.EventColumns;
import io.clickpulse.metrics.JsonLinesFile;
import io.clickpulse.metrics.JsonLinesMetrics;
import io.clickpulse.session.SessionStore;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.streaming.BatchLog;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/** What each stage of the demo produced, read back from the job's batch log, S3 and DynamoDB. */
final class DemoReport {
  private DemoReport() {}

  /** Sums of the streaming job's per-batch counts. */
  static Map<String, Object> streamingJob(Path batchLog) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Long> records = new TreeMap<>();
    long batches = 0;
    long highIntent = 0;
    long demandWritten = 0;
    for (BatchLog.Entry e : BatchLog.read(batchLog)) {
      batches++;
      e.records().forEach((k, v) -> records.merge(k, v, Long::sum));
      highIntent += e.highIntent();
      demandWritten += e.demandItemsWritten();
    }
    long events = records.getOrDefault("ok", 0L);
    long bad =
        records.entrySet().stream()
            .filter(e -> e.getKey().startsWith("bad"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    out.put("batches", batches);
    out.put("records_after_dedup", events + bad);
    out.put("events", events);
    out.put("bad_records", bad);
    Map<String, Long> reasons = new TreeMap<>();
    records.forEach(
        (k, v) -> {
          if (k.startsWith("bad:")) {
            reasons.put(k.substring(4), v);
          }
        });
    out.put("bad_records_by_reason", reasons);
    out.put("high_intent_views", highIntent);
    out.put("demand_item_writes", demandWritten);
    return out;
  }

  /** Events in the events table per source_shape (the producer's shape the decoder recognized). */
  static Map<String, Long> eventsByProducer(SparkSession spark, ClickpulseConfig config) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r :
        LakeDataset.EVENTS
            .read(spark, LakeDataset.EVENTS.uri(config.lake()))
            .groupBy(EventColumns.SOURCE_SHAPE)
            .count()
            .collectAsList()) {
      out.put(String.valueOf(r.<String>getAs(EventColumns.SOURCE_SHAPE)), r.<Long>getAs("count"));
    }
    return out;
  }

  /**
   * Per configured producer: records and distinct valid events the generator sent, the events the
   * lake expects of it (the shop visit's come in the pixel tracker's shape too) and the events the
   * events table holds in its shape.
   */
  static Map<String, Object> producers(
      SendReport sent, Set<Producer> configured, Map<String, Long> inLake, long shopVisitEvents) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Producer p : configured) {
      String shape = ProducerMix.shape(p);
      long expected = sent.validEvents(p) + (p == Producer.PIXEL ? shopVisitEvents : 0);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("records_sent", sent.records(p));
      one.put("valid_events_sent", sent.validEvents(p));
      if (p == Producer.PIXEL) {
        one.put("shop_visit_events", shopVisitEvents);
      }
      one.put("events_expected", expected);
      one.put("events_in_lake", inLake.getOrDefault(shape, 0L));
      out.put(shape, one);
    }
    return out;
  }

  /** Each configured producer sent events, and the events table holds exactly those. */
  static boolean everyProducerArrived(Map<String, Object> producers) {
    return !producers.isEmpty()
        && producers.values().stream()
            .map(v -> (Map<?, ?>) v)
            .allMatch(
                m ->
                    ((Number) m.get("valid_events_sent")).longValue() > 0
                        && m.get("events_in_lake").equals(m.get("events_expected")));
  }

  /** "pixel 2412 records sent, 2380 of 2380 events in the lake; app ..." for the last lines. */
  static String producersLine(Map<String, Object> producers) {
    List<String> parts = new ArrayList<>();
    producers.forEach(
        (shape, v) -> {
          Map<?, ?> m = (Map<?, ?>) v;
          parts.add(
              String.format(
                  "%s %s records sent, %s of %s events in the lake",
                  shape, m.get("records_sent"), m.get("events_in_lake"), m.get("events_expected")));
        });
    return String.join("; ", parts);
  }

  /** Objects and bytes under each lake prefix. */
  static Map<String, Object> lake(S3Client s3, ClickpulseConfig config) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String prefix :
        List.of(
                LakeDataset.RAW,
                LakeDataset.EVENTS,
                LakeDataset.BAD_RECORDS,
                LakeDataset.HIGH_INTENT,
                LakeDataset.SESSIONS,
                LakeDataset.SESSION_ALERTS,
                LakeDataset.LATE_EVENTS,
                LakeDataset.STAGGER_SESSIONS,
                LakeDataset.STAGGER_SESSION_ALERTS)
            .stream()
            .map(LakeDataset::folder)
            .toList()) {
      long files = 0;
      long bytes = 0;
      for (var o :
          s3.listObjectsV2Paginator(b -> b.bucket(config.lake().bucket()).prefix(prefix + "/"))
              .contents()) {
        if (!o.key().contains("/_")) {
          files++;
          bytes += o.size();
        }
      }
      out.put(prefix, Map.of("uri", config.lake().uri(prefix), "files", files, "bytes", bytes));
    }
    return out;
  }

  /** Totals over all windows of the product_demand table, and the five products most in demand. */
  static Map<String, Object> demand(DynamoDbClient dynamo, ClickpulseConfig config) {
    long items = 0;
    Map<String, Long> totals = new TreeMap<>();
    BigDecimal revenue = BigDecimal.ZERO;
    Map<String, double[]> byProduct = new TreeMap<>();
    for (var item :
        dynamo.scanPaginator(b -> b.tableName(config.tables().productDemand())).items()) {
      items++;
      for (String k : List.of("searches", "views", "add_to_carts", "purchases")) {
        totals.merge(k, Long.parseLong(item.get(k).n()), Long::sum);
      }
      revenue = revenue.add(new BigDecimal(item.get("revenue").n()));
      double[] p =
          byProduct.computeIfAbsent(item.get(EventColumns.PRODUCT_ID).n(), k -> new double[2]);
      p[0] +=
          Double.parseDouble(item.get("views").n())
              + 3 * Double.parseDouble(item.get("add_to_carts").n())
              + 10 * Double.parseDouble(item.get("purchases").n());
      p[1] += Double.parseDouble(item.get("purchases").n());
    }
    List<Map<String, Object>> top = new ArrayList<>();
    byProduct.entrySet().stream()
        .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0]))
        .limit(5)
        .forEach(
            e ->
                top.add(
                    Map.of(
                        EventColumns.PRODUCT_ID,
                        e.getKey(),
                        "weighted_activity",
                        e.getValue()[0],
                        "purchases",
                        (long) e.getValue()[1])));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table", config.tables().productDemand());
    out.put("items", items);
    out.put("products", byProduct.size());
    out.put("totals", totals);
    out.put("revenue", revenue);
    out.put("top_products", top);
    return out;
  }

  /**
   * Sums of the sessions query's per-batch metrics (the last line per batch: a replay logs again)
   * and the DynamoDB table.
   */
  static Map<String, Object> sessions(
      Path metricsFile, DynamoDbClient dynamo, ClickpulseConfig config) {
    Map<Long, Map<String, Number>> byBatch = new TreeMap<>();
    for (Map<String, Object> line : JsonLinesMetrics.read(metricsFile)) {
      if ("sessions".equals(line.get("job"))) {
        @SuppressWarnings("unchecked")
        Map<String, Number> m = (Map<String, Number>) line.get("metrics");
        byBatch.put(((Number) line.get("batch")).longValue(), m);
      }
    }
    long closed = 0;
    long alerts = 0;
    long late = 0;
    double durationTotal = 0;
    for (Map<String, Number> m : byBatch.values()) {
      long n = m.get("SessionsClosed").longValue();
      closed += n;
      alerts += m.get("ShortSessionAlerts").longValue();
      late += m.get("LateEvents").longValue();
      durationTotal += m.get("MeanSessionDurationSeconds").doubleValue() * n;
    }
    long items = 0;
    for (var page : // the gap sessions' items (the stagger windows share the table)
        dynamo.scanPaginator(
            b ->
                b.tableName(config.tables().sessions())
                    .select("COUNT")
                    .filterExpression("#m = :m")
                    .expressionAttributeNames(Map.of("#m", SessionStore.MODE))
                    .expressionAttributeValues(Map.of(":m", AttributeValue.fromS("gap"))))) {
      items += page.count();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", config.sessions().mode().name().toLowerCase());
    out.put("gap", config.sessions().gap().toString());
    out.put("allowed_lateness", config.sessions().allowedLateness().toString());
    out.put("batches_with_sessions", byBatch.size());
    out.put("sessions_closed", closed);
    out.put("mean_duration_sec", closed == 0 ? 0 : Math.round(durationTotal / closed * 10) / 10.0);
    out.put("short_session_alerts", alerts);
    out.put("late_events", late);
    out.put("dynamodb_table", config.tables().sessions());
    out.put("dynamodb_items", items);
    return out;
  }

  /**
   * The alerts delivered to the JSON-lines alert sink: lines, distinct alert ids, by mode (gap,
   * stagger).
   */
  static Map<String, Object> deliveredAlerts(Path file) {
    long lines = 0;
    Map<String, Set<String>> idsByMode = new TreeMap<>();
    for (JsonNode line : JsonLinesFile.read(file)) {
      lines++;
      idsByMode
          .computeIfAbsent(line.get("mode").asText(), k -> new TreeSet<>())
          .add(line.get("alert_id").asText());
    }
    Map<String, Long> byMode = new TreeMap<>();
    idsByMode.forEach((k, v) -> byMode.put(k, (long) v.size()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sink", "jsonl");
    out.put("file", file.toString());
    out.put("lines", lines);
    out.put("distinct_alert_ids", byMode.values().stream().mapToLong(Long::longValue).sum());
    out.put("distinct_alert_ids_by_mode", byMode);
    return out;
  }

  /**
   * The price_history table: how many changes on how many products, and a few of them (product,
   * old, new, why).
   */
  static Map<String, Object> priceChanges(DynamoDbClient dynamo, ClickpulseConfig config) {
    List<Map<String, Object>> changes = new ArrayList<>();
    for (var item :
        dynamo.scanPaginator(b -> b.tableName(config.tables().priceHistory())).items()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put(EventColumns.PRODUCT_ID, item.get(EventColumns.PRODUCT_ID).n());
      c.put("old", new BigDecimal(item.get("old_price").n()));
      c.put("new", new BigDecimal(item.get("new_price").n()));
      c.put(EventColumns.REASON, item.get(EventColumns.REASON).s());
      c.put("at", item.get("changed_at").s());
      changes.add(c);
    }
    changes.sort(Comparator.comparing((Map<String, Object> c) -> (String) c.get("at")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table", config.tables().priceHistory());
    out.put("changes", (long) changes.size());
    out.put(
        "products", changes.stream().map(c -> c.get(EventColumns.PRODUCT_ID)).distinct().count());
    out.put(
        "examples",
        changes.stream()
            .limit(5)
            .map(c -> c.get(EventColumns.PRODUCT_ID) + " " + c.get("old") + " -> " + c.get("new"))
            .toList());
    out.put("all", changes);
    return out;
  }
}
