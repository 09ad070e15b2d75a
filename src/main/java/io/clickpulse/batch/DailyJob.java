package io.clickpulse.batch;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.runtime.JobRunner;
import java.time.Clock;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * The scheduled chain in one Spark application ({@code clickpulse run daily --date …}; on AWS the
 * Glue workflow in jobs/ runs the same steps as separate jobs): register tables, partitions and
 * views, compute the day's aggregates, compact closed partitions.
 */
public final class DailyJob {
  private DailyJob() {}

  public static void main(String[] args) throws Exception {
    JobRunner.run(
        args, "clickpulse-daily", (spark, config) -> run(spark, config, System.out::println));
  }

  public static void run(SparkSession spark, ClickpulseConfig config, Consumer<String> progress) {
    progress.accept("daily 1/3: catalog");
    CatalogJob.run(spark, config, progress);
    progress.accept("daily 2/3: aggregates");
    AggregateJob.run(spark, config, progress);
    progress.accept("daily 3/3: compaction");
    CompactionJob.run(spark, config, Clock.systemUTC(), progress);
  }
}
