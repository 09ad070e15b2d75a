package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sessions processors' shared steps, with steps that only say what they were asked. */
class SessionsBatchTest {
  private record Counted(boolean isEmpty) implements SessionsBatch.Counts {
    @Override
    public Map<String, Double> metrics() {
      return Map.of("SessionsClosed", 1.0);
    }
  }

  private static final class Recorded implements SessionsBatch.Steps<Counted> {
    final List<String> calls = new ArrayList<>();
    final boolean empty;
    final IdempotentFileSink sink;

    Recorded(boolean empty, Path lake) {
      this.empty = empty;
      this.sink = LakeDataset.SESSIONS.sink(lake.resolve("sessions").toUri().toString());
    }

    @Override
    public Counted count(Dataset<Row> batch) {
      calls.add("count");
      return new Counted(empty);
    }

    @Override
    public BatchFiles files(Counted counts) {
      calls.add("files");
      return BatchFiles.none().with(LakeDataset.SESSIONS, sink, List.of(490_000L));
    }

    @Override
    public Map<String, Double> write(CachedBatch batch, Counted counts) {
      calls.add("write");
      return Map.of("AlertsDelivered", 2.0);
    }
  }

  @Test
  void aBatchWithRowsIsCountedRecordedWrittenAndPublished(@TempDir Path dir) {
    List<String> published = new ArrayList<>();
    Recorded steps = new Recorded(false, dir);
    assertThat(run(dir, "sessions", steps, 3, published)).isTrue();
    assertThat(steps.calls).containsExactly("count", "files", "write");
    assertThat(published)
        .as("the counts' metrics, then what the writes add")
        .containsExactly("sessions 4 {SessionsClosed=1.0, AlertsDelivered=2.0}");
    assertThat(Files.exists(dir.resolve("clickpulse-attempts/4-files")))
        .as("the attempt's folders recorded")
        .isTrue();
  }

  @Test
  void anEmptyBatchStillRecordsItsAttemptButWritesAndPublishesNothing(@TempDir Path dir) {
    List<String> published = new ArrayList<>();
    Recorded steps = new Recorded(true, dir);
    assertThat(run(dir, "sessions-stagger", steps, 0, published)).isFalse();
    assertThat(steps.calls).containsExactly("count", "files");
    assertThat(published).isEmpty();
    assertThat(Files.exists(dir.resolve("clickpulse-attempts/4-files")))
        .as("recorded all the same")
        .isTrue();
  }

  /** Runs batch 4 of {@code rows} rows; true if it wrote anything. */
  private static boolean run(
      Path dir, String job, Recorded steps, long rows, List<String> published) {
    var batch = new SessionsBatch(job, BatchAttempts.inCheckpoint(dir.toUri().toString()));
    try (CachedBatch cached = CachedBatch.of(SparkTestSession.get().range(rows).toDF(), 4)) {
      return batch
          .run(
              cached,
              steps,
              (j, batchId, at, values) -> published.add(j + " " + batchId + " " + values))
          .isPresent();
    }
  }
}
