package io.clickpulse.streaming;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;

import io.clickpulse.metrics.MetricsSink;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeLayout;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One micro-batch of stagger-mode sessions (the KDA SQL's rows) → stagger_sessions/ and the session metrics. */
public final class StaggerBatchProcessor implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(StaggerBatchProcessor.class);
  private final transient IdempotentFileSink sink;
  private final transient MetricsSink metrics;
  private final BatchAttempts attempts;

  public StaggerBatchProcessor(IdempotentFileSink sink, MetricsSink metrics, BatchAttempts attempts) {
    this.sink = sink;
    this.metrics = metrics;
    this.attempts = attempts;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    Row c = batch.agg(count(lit(1)), avg("duration_sec"), avg("events"),
        collect_set(floor(col("timeagg").cast("long").divide(3600)))).first();
    long rows = c.getLong(0);
    // also when this attempt has no rows: a replay reading other records leaves no earlier file
    attempts.removeEarlierFiles(batch.sparkSession().sparkContext().hadoopConfiguration(), batchId,
        Map.of(LakeLayout.STAGGER_SESSIONS, sink),
        Map.of(LakeLayout.STAGGER_SESSIONS, c.<Long>getList(3).stream().map(LakeLayout::hourFolder).toList()));
    if (rows == 0) {
      return;
    }
    sink.write(LakeLayout.withHourPartitions(batch, "timeagg"), batchId);
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("SessionsClosed", (double) rows);
    values.put("MeanSessionDurationSeconds", c.getDouble(1));
    values.put("EventsPerSession", c.getDouble(2));
    metrics.publish("sessions-stagger", batchId, Instant.now(), values);
    LOG.info("stagger sessions batch {}: {} rows", batchId, rows);
  }
}
