package io.clickpulse;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;

/** One local SparkSession per test JVM, bound to loopback, UI off. */
public final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[2]")
              .appName("clickpulse-tests")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.session.timeZone", "UTC")
              .getOrCreate();
    }
    return spark;
  }

  /**
   * Stops every query still running in the shared session: a test that fails half-way must not
   * leave a query (and its name) behind to fail the next test.
   */
  public static synchronized void stopActiveQueries() throws TimeoutException {
    if (spark != null) {
      for (var query : spark.streams().active()) {
        query.stop();
      }
    }
  }
}
