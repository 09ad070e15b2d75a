package io.clickpulse.batch;

import io.clickpulse.athena.AthenaDdl;
import io.clickpulse.athena.SqlEngine;
import io.clickpulse.config.BatchConfig;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.runtime.JobRunner;
import io.clickpulse.sink.LakeDataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * Glue Data Catalog registration ({@code clickpulse run catalog}, or a scheduled Glue job): creates
 * the database and every table of athena-ddl/tables through Spark SQL (Hive DDL; the local Hive
 * metastore or, on Glue with --enable-glue-datacatalog, the Data Catalog), registers the partitions
 * found in the lake (within --date / --from --to when given), then creates or replaces the views of
 * athena-ddl/views on Athena (Trino locally). Safe to re-run: everything is IF NOT EXISTS or OR
 * REPLACE.
 */
public final class CatalogJob {
  private CatalogJob() {}

  public record Result(int tables, int partitionsRegistered, int views) {}

  public static void main(String[] args) throws Exception {
    JobRunner.run(
        args, "clickpulse-catalog", (spark, config) -> run(spark, config, System.out::println));
  }

  public static Result run(SparkSession spark, ClickpulseConfig config, Consumer<String> progress) {
    BatchConfig b = config.batch();
    if (!PartitionRegistry.available(spark)) {
      throw new ConfigException(
          "catalog: the Spark session has no persistent catalog: set catalog.metastore-uri"
              + " (the local stack does), or run on Glue with --enable-glue-datacatalog");
    }
    // Hive DDL may hold ${…} (projection templates) that Spark's variable substitution would blank
    spark.conf().set("spark.sql.variable.substitute", "false");
    AthenaDdl ddl = AthenaDdl.load(b.ddlDir());
    // resolved before the catalog is touched: a table file without its dataset fails the run, not
    // half of it
    Map<AthenaDdl.Statement, LakeDataset> datasets = new LinkedHashMap<>();
    for (AthenaDdl.Statement t : ddl.tables()) {
      datasets.put(
          t,
          LakeDataset.byTable(t.tableName())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "athena-ddl/tables/"
                              + t.name()
                              + ".sql: table "
                              + t.tableName()
                              + " is no dataset of the lake (sink/LakeDataset)")));
    }
    PartitionRegistry registry = new PartitionRegistry(spark, b.database(), b.locationScheme());
    String lakeRoot = registry.catalogLocation("s3a://" + config.lake().bucket());
    spark.sql(
        "CREATE DATABASE IF NOT EXISTS "
            + b.database()
            + " COMMENT 'clickpulse clickstream analytics'");
    spark.catalog().setCurrentDatabase(b.database());
    int partitions = 0;
    for (var table : datasets.entrySet()) {
      AthenaDdl.Statement t = table.getKey();
      LakeDataset dataset = table.getValue();
      spark.sql(t.sqlFor(lakeRoot));
      List<PartitionRegistry.Partition> found =
          registry.discover(dataset.uri(config.lake()), dataset.partitionColumns());
      if (b.range().isPresent()) {
        found =
            found.stream()
                .filter(
                    p ->
                        p.start().isBefore(b.range().get().to())
                            && p.end().isAfter(b.range().get().from()))
                .toList();
      }
      partitions += registry.addIfMissing(t.tableName(), found);
      progress.accept(
          "catalog: table "
              + t.tableName()
              + ", "
              + found.size()
              + " partitions in the lake"
              + b.range().map(r -> " within " + r.describe()).orElse("")
              + " registered (already known ones kept)");
    }
    int views = 0;
    if (!ddl.views().isEmpty()) {
      try (SqlEngine engine = SqlEngine.from(b, config.aws())) {
        for (AthenaDdl.Statement v : ddl.views()) {
          engine.execute(v.sql());
          views++;
          progress.accept("catalog: view " + v.name());
        }
      }
    }
    return new Result(ddl.tables().size(), partitions, views);
  }
}
