package io.clickpulse.batch;

import static org.apache.spark.sql.functions.col;

import io.clickpulse.config.BatchConfig;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.runtime.JobRunner;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Daily aggregates ({@code clickpulse run aggregate --date …}, or a scheduled Glue job): reads each
 * day's events and sessions through the catalog (so compacted partitions are read where they now
 * live), computes {@link DailyAggregates}, replaces exactly that day's partition of each
 * aggregates/ table and registers it. A re-run gives the same files and the same rows.
 */
public final class AggregateJob {
  private AggregateJob() {}

  public static void main(String[] args) throws Exception {
    JobRunner.run(
        args, "clickpulse-aggregate", (spark, config) -> run(spark, config, System.out::println));
  }

  /** Rows written per aggregate table over the range's days. */
  public static Map<String, Long> run(
      SparkSession spark, ClickpulseConfig config, Consumer<String> progress) {
    BatchConfig b = config.batch();
    BatchConfig.Range range = b.requireRange("aggregate");
    if (!PartitionRegistry.available(spark)) {
      throw new ConfigException(
          "aggregate: reads events and sessions through the catalog: set catalog.metastore-uri"
              + " (the local stack does), or run on Glue with --enable-glue-datacatalog");
    }
    PartitionRegistry registry = new PartitionRegistry(spark, b.database(), b.locationScheme());
    Map<String, Long> written = new LinkedHashMap<>();
    for (Instant day = range.from().truncatedTo(ChronoUnit.DAYS);
        day.isBefore(range.to());
        day = day.plus(Duration.ofDays(1))) {
      String dir = LakeLayout.dayFolder(day.getEpochSecond() / 3600);
      Map<String, String> spec = LakeLayout.spec(dir);
      Dataset<Row> events =
          forDay(spark.table(b.database() + "." + LakeDataset.EVENTS.table()), spec);
      Dataset<Row> sessions =
          forDay(spark.table(b.database() + "." + LakeDataset.SESSIONS.table()), spec);
      for (Map.Entry<LakeDataset, Dataset<Row>> a :
          DailyAggregates.all(events, sessions).entrySet()) {
        LakeDataset d = a.getKey();
        Dataset<Row> rows = a.getValue().cache();
        long n = rows.count();
        d.sink(config.lake())
            .replacePartitions(rows.coalesce(1), day.getEpochSecond(), List.of(dir));
        rows.unpersist();
        registry.addIfMissing(
            d.table(),
            registry.discover(d.uri(config.lake()), d.partitionColumns()).stream()
                .filter(p -> p.path().equals(dir))
                .toList());
        written.merge(d.table(), n, Long::sum);
        progress.accept("aggregate " + dir + ": " + d.table() + " " + n + " rows");
      }
    }
    return written;
  }

  private static Dataset<Row> forDay(Dataset<Row> table, Map<String, String> daySpec) {
    for (var column : daySpec.entrySet()) {
      table = table.where(col(column.getKey()).equalTo(column.getValue()));
    }
    return table;
  }
}
