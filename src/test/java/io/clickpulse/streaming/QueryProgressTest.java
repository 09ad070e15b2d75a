package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.SparkTestSession;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.execution.streaming.MemoryStream$;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/** Waiting for a query's input rows counts every batch, also past the reports Spark keeps. */
class QueryProgressTest {
  private static final String RETAINED = "spark.sql.streaming.numRecentProgressUpdates";
  private final SparkSession spark = SparkTestSession.get();

  @AfterEach
  void stopQueries() throws Exception {
    SparkTestSession.stopActiveQueries();
    spark.conf().unset(RETAINED);
  }

  @Test
  void countsEveryBatchWhereSparkKeepsOnlyTheLastReports() throws Exception {
    // Spark keeps 100 reports by default; 3 here, so that 6 batches outgrow them
    spark.conf().set(RETAINED, "3");
    MemoryStream<Integer> input = MemoryStream$.MODULE$.apply(Encoders.INT(), spark.sqlContext());
    try (QueryProgress.InputRows counted = QueryProgress.InputRows.register(spark)) {
      VoidFunction2<Dataset<Row>, Long> drain = (batch, id) -> batch.count();
      StreamingQuery query = input.toDF().writeStream().foreachBatch(drain).start();
      for (int i = 0; i < 6; i++) {
        input.addData(JavaConverters.asScalaBuffer(List.of(2 * i, 2 * i + 1)).toSeq());
        query.processAllAvailable();
      }
      QueryProgress.awaitInputRows(query, counted, 12, Duration.ofSeconds(30));
      assertThat(counted.of(query)).isEqualTo(12);
      long recent =
          Arrays.stream(query.recentProgress())
              .mapToLong(StreamingQueryProgress::numInputRows)
              .sum();
      assertThat(recent).as("what the kept reports add up to").isLessThan(12);
      assertThatThrownBy(() -> QueryProgress.awaitInputRows(query, 12, Duration.ofMillis(500)))
          .isInstanceOf(TimeoutException.class)
          .hasMessageContaining("did not read 12 records");
      query.stop();
    }
  }
}
