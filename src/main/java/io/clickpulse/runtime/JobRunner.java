package io.clickpulse.runtime;

import io.clickpulse.config.ClickpulseConfig;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every job's {@code main}, local (spark-submit) or on Glue: Glue-style arguments → config (every
 * bad key fails here, before Spark starts) → the Spark session → the job → the session stopped. A
 * failure propagates out of {@code main}, which both spark-submit and Glue report as a failed run
 * (exit code 1); a SIGTERM ends with {@link GracefulStop}'s 143.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  /** One job's work on its session. */
  @FunctionalInterface
  public interface Job {
    void run(SparkSession spark, ClickpulseConfig config) throws Exception;
  }

  private JobRunner() {}

  public static void run(String[] args, String appName, Job job) throws Exception {
    ClickpulseConfig config = ClickpulseConfig.fromArgs(args);
    SparkSession spark = SparkSessions.create(config, appName);
    LOG.info(
        "{} on master {} (profile {})",
        appName,
        spark.sparkContext().master(),
        config.arguments().values().getOrDefault("profile", "local"));
    try {
      job.run(spark, config);
    } finally {
      spark.stop();
    }
  }
}
