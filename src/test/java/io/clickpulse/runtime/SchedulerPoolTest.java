package io.clickpulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query started in a pool runs every batch's jobs in it (so a demand batch need not queue behind
 * a lake batch's tasks), and the starting thread gets its own pool back.
 */
class SchedulerPoolTest {
  static final ConcurrentLinkedQueue<String> POOLS = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stopQueries() throws Exception {
    SparkTestSession.stopActiveQueries();
  }

  @Test
  @Timeout(120)
  void batchesOfAQueryRunInThePoolItWasStartedIn(@TempDir Path dir) throws Exception {
    var spark = SparkTestSession.get();
    var sc = spark.sparkContext();
    sc.setLocalProperty(SparkSessions.POOL, "callers-own");
    VoidFunction2<Dataset<Row>, Long> batch =
        (rows, id) -> {
          rows.count();
          POOLS.add(rows.sparkSession().sparkContext().getLocalProperty(SparkSessions.POOL));
        };
    try {
      var query =
          SparkSessions.inPool(
              spark,
              "clickpulse-demand",
              () ->
                  spark
                      .readStream()
                      .format("rate")
                      .option("rowsPerSecond", "10")
                      .load()
                      .writeStream()
                      .queryName("pool-" + System.nanoTime())
                      .option("checkpointLocation", dir.toString())
                      .trigger(Trigger.ProcessingTime(200))
                      .foreachBatch(batch)
                      .start());
      assertThat(sc.getLocalProperty(SparkSessions.POOL)).isEqualTo("callers-own");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (POOLS.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      query.stop();
      assertThat(POOLS).hasSizeGreaterThanOrEqualTo(3).containsOnly("clickpulse-demand");
    } finally {
      sc.setLocalProperty(SparkSessions.POOL, null);
    }
  }
}
