package io.clickpulse.batch;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.jobs.SparkSessions;
import java.util.function.BiConsumer;
import org.apache.spark.sql.SparkSession;

/** What every batch job's main does: config from the (Glue-style) arguments, one Spark session, stopped at the end. */
final class BatchMain {
  private BatchMain() {}

  static void run(String[] args, String appName, BiConsumer<SparkSession, ClickpulseConfig> job) {
    ClickpulseConfig config = ClickpulseConfig.fromArgs(args);
    SparkSession spark = SparkSessions.create(config, appName);
    try {
      job.accept(spark, config);
    } finally {
      spark.stop();
    }
  }
}
