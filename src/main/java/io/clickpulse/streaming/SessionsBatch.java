package io.clickpulse.streaming;

import io.clickpulse.metrics.MetricsSink;
import io.clickpulse.sink.BatchAttempts;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The steps of a sessions query's micro-batch, gap or stagger mode: count it, remove what an
 * earlier attempt of its id wrote, write, publish its metrics ({@code job} names them). Files are
 * named by batch id, so a replayed batch writes the same files again.
 */
record SessionsBatch(String job, BatchAttempts attempts) implements Serializable {

  /** One mode's steps. */
  interface Steps<C extends Counts> {
    C count(Dataset<Row> batch);

    /** The file outputs and the partition folders this attempt writes, from its counts. */
    BatchFiles files(C counts);

    /**
     * Removes what an earlier attempt of this batch id wrote outside the files (DynamoDB items),
     * before this attempt writes; also when this attempt has nothing to write.
     */
    default void removeEarlierItems(BatchAttempt attempt, CachedBatch batch, C counts) {}

    /** Writes the batch; returns the metrics its writes add (alerts delivered, failed). */
    Map<String, Double> write(CachedBatch batch, C counts);
  }

  /** What a mode's count tells: whether there is anything to write, and the batch's metrics. */
  interface Counts {
    boolean isEmpty();

    Map<String, Double> metrics();
  }

  /** Runs the steps on a batch; returns its counts if it wrote anything (for the log line). */
  <C extends Counts> Optional<C> run(CachedBatch batch, Steps<C> steps, MetricsSink metrics) {
    C counts = steps.count(batch.rows());
    // before any write, and also when this attempt has nothing: a replay that reads other
    // records (the source re-reads to the stream's head) must not leave an earlier attempt's files
    BatchAttempt attempt = BatchAttempt.of(attempts, batch);
    attempt.removeEarlierFiles(steps.files(counts));
    steps.removeEarlierItems(attempt, batch, counts);
    if (counts.isEmpty()) {
      return Optional.empty();
    }
    batch.timer().lap("count");
    Map<String, Double> published = new LinkedHashMap<>(counts.metrics());
    published.putAll(steps.write(batch, counts));
    metrics.publish(job, batch.id(), Instant.now(), published);
    return Optional.of(counts);
  }
}
