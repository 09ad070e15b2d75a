package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.event.EventColumns;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.execution.streaming.MemoryStream$;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

/**
 * The dedup drops repeated event ids and, batch after batch within a minute of arrivals, compiles
 * no new class: its watermark moves in whole minutes. On the exact arrival time Spark compiles the
 * late-row filter again in every batch, whose watermark it holds as a constant.
 */
class ArrivalDedupTest {
  private static final StructType SCHEMA =
      new StructType()
          .add(EventColumns.EVENT_ID, DataTypes.StringType)
          .add(EventColumns.ARRIVAL_TIME, DataTypes.TimestampType);
  // every arrival of the test in one minute
  private static final Instant MINUTE = Instant.parse("2026-12-01T10:00:00Z");
  private static final int BATCHES = 7;

  private final SparkSession spark = SparkTestSession.get();

  @AfterEach
  void stopQueries() throws Exception {
    SparkTestSession.stopActiveQueries();
  }

  @Test
  void dropsRepeatsAndCompilesNoClassBatchAfterBatchWithinAMinute() throws Exception {
    Run run = run(d -> ArrivalDedup.apply(d, Duration.ofMinutes(15)));
    // each batch brings a new id and repeats the first one: only the new ones pass
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < BATCHES; i++) {
      expected.add("e" + i);
    }
    assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(run.columns()).containsExactly(EventColumns.EVENT_ID, EventColumns.ARRIVAL_TIME);
    assertThat(run.compiledAfterWarmUp()).isZero();
    assertThat(Instant.parse(run.watermark())).isEqualTo(MINUTE.minus(Duration.ofMinutes(15)));
  }

  @Test
  void aWatermarkOnTheExactArrivalTimeCompilesAFilterEveryBatch() throws Exception {
    // how the stream deduplicated before: the cause the minute steps remove
    Run run =
        run(
            d ->
                d.withWatermark(EventColumns.ARRIVAL_TIME, "15 minutes")
                    .dropDuplicatesWithinWatermark(EventColumns.EVENT_ID));
    assertThat(run.ids()).hasSize(BATCHES);
    assertThat(run.compiledAfterWarmUp()).isGreaterThanOrEqualTo(BATCHES - 3);
  }

  /** What a query through {@code dedup} passed, and the classes compiled after its 3rd batch. */
  private record Run(
      List<String> ids, List<String> columns, long compiledAfterWarmUp, String watermark) {}

  private Run run(UnaryOperator<Dataset<Row>> dedup) throws Exception {
    MemoryStream<Row> input = MemoryStream$.MODULE$.apply(Encoders.row(SCHEMA), spark.sqlContext());
    List<String> ids = new CopyOnWriteArrayList<>();
    List<String> columns = new CopyOnWriteArrayList<>();
    VoidFunction2<Dataset<Row>, Long> collect =
        (batch, id) -> {
          columns.clear();
          columns.addAll(List.of(batch.columns()));
          batch.collectAsList().forEach(r -> ids.add(r.getString(0)));
        };
    StreamingQuery query = dedup.apply(input.toDF()).writeStream().foreachBatch(collect).start();
    long compiledBefore = 0;
    for (int i = 0; i < BATCHES; i++) {
      Timestamp arrival = Timestamp.from(MINUTE.plusSeconds(5L * i));
      input.addData(
          JavaConverters.asScalaBuffer(
                  List.of(RowFactory.create("e" + i, arrival), RowFactory.create("e0", arrival)))
              .toSeq());
      query.processAllAvailable();
      if (i == 2) {
        compiledBefore = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
      }
    }
    long compiled = CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - compiledBefore;
    String watermark = query.lastProgress().eventTime().get("watermark");
    query.stop();
    return new Run(List.copyOf(ids), List.copyOf(columns), compiled, watermark);
  }
}
