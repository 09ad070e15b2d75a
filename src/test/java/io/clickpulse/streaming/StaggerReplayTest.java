package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeDataset;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stagger-mode batches replayed with other rows (the source re-reads to the stream's head): the
 * replay's rows replace the earlier attempt's, also in hour folders the replay no longer writes.
 */
class StaggerReplayTest {
  private static final StructType STAGGER =
      new StructType()
          .add("session_id", DataTypes.StringType)
          .add("user_id", DataTypes.StringType)
          .add("device_id", DataTypes.StringType)
          .add("timeagg", DataTypes.TimestampType)
          .add("events", DataTypes.LongType)
          .add("duration_sec", DataTypes.LongType);
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void aReplayWithOtherRowsLeavesNoRowOfTheEarlierAttempt(@TempDir Path dir) {
    String root = dir.toUri().toString().endsWith("/") ? dir.toUri().toString() : dir.toUri() + "/";
    IdempotentFileSink sink =
        LakeDataset.STAGGER_SESSIONS.sink(root + LakeDataset.STAGGER_SESSIONS.folder());
    List<Long> published = new ArrayList<>();
    StaggerBatchProcessor processor =
        new StaggerBatchProcessor(
            sink,
            (job, batchId, at, values) -> published.add(batchId),
            BatchAttempts.inCheckpoint(root + "checkpoint"));
    // the killed attempt: rows in two hours; the replay: one row, in the first hour only
    processor.call(rows("10:00:30", "11:00:30", "11:01:00"), 4L);
    processor.call(rows("10:00:30"), 4L);
    processor.call(rows("12:00:00"), 5L);
    Dataset<Row> stored = spark.read().parquet(root + LakeDataset.STAGGER_SESSIONS.folder());
    assertThat(stored.count()).isEqualTo(2);
    assertThat(stored.where("hour = '11'").count()).isZero();
    assertThat(published).containsExactly(4L, 4L, 5L);
  }

  private Dataset<Row> rows(String... times) {
    List<Row> rows = new ArrayList<>();
    for (String t : times) {
      rows.add(
          RowFactory.create(
              "20_MOB" + t,
              "20",
              "MOB",
              Timestamp.from(Instant.parse("2026-11-21T" + t + "Z")),
              3L,
              12L));
    }
    return spark.createDataFrame(rows, STAGGER).repartition(2);
  }
}
