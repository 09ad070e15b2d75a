package io.clickpulse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several outputs of one batch from one read of its rows, with the direct writes' file names. */
class SinglePassWriteTest {
  private static final StructType WIDE =
      new StructType()
          .add("event_id", DataTypes.StringType)
          .add("event_time", DataTypes.TimestampType)
          .add("arrival_time", DataTypes.TimestampType)
          .add("value", DataTypes.StringType)
          .add("_to_events", DataTypes.BooleanType);

  private static Row row(String id, String eventTime, boolean toEvents) {
    return RowFactory.create(
        id,
        Timestamp.from(Instant.parse(eventTime)),
        Timestamp.from(Instant.parse("2026-01-01T12:00:00Z")),
        "line " + id,
        toEvents);
  }

  /** The rows, spread over {@code tasks} partitions. */
  private static Dataset<Row> wide(int tasks, Row... rows) {
    return SparkTestSession.get().createDataFrame(List.of(rows), WIDE).repartition(tasks);
  }

  /** A task fold counting the rows it saw: what the driver gets is the sum over tasks. */
  private static final class Count implements TaskFold<long[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public long[] empty() {
      return new long[1];
    }

    @Override
    public void add(long[] value, InternalRow row) {
      value[0]++;
    }

    @Override
    public long[] merge(long[] left, long[] right) {
      return new long[] {left[0] + right[0]};
    }
  }

  @Test
  void eachRowReachesItsOutputsInTheFoldersOfItsHourUnderTheBatchsNames(@TempDir Path dir)
      throws IOException {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> wide =
        wide(
            2,
            row("a", "2026-01-01T10:15:00Z", true),
            row("b", "2026-01-01T11:59:59.999999Z", true),
            row("bad", "2026-01-01T10:00:00Z", false),
            row("c", "2026-01-01T10:30:00Z", true));
    var outputs = outputs(dir);

    var result =
        SinglePassWrite.write(wide, "0b1c2d3e-4f50", 7, outputs, OpenedFolders.NONE, new Count());

    assertThat(result.folded()[0]).isEqualTo(4);
    assertThat(result.written().get(LakeDataset.RAW).rows()).isEqualTo(4);
    assertThat(result.written().get(LakeDataset.EVENTS).rows()).isEqualTo(3);
    assertThat(result.written().get(LakeDataset.EVENTS).folders())
        .containsExactly("year=2026/month=01/day=01/hour=10", "year=2026/month=01/day=01/hour=11");
    assertThat(
            spark
                .read()
                .text(dir.resolve("raw").toString())
                .select("value")
                .as(Encoders.STRING())
                .collectAsList())
        .containsExactlyInAnyOrder("line a", "line b", "line bad", "line c");
    Dataset<Row> events = spark.read().parquet(dir.resolve("events").toString());
    assertThat(events.columns())
        .containsExactly("event_id", "event_time", "year", "month", "day", "hour");
    assertThat(events.where("hour = '10'").select("event_id").as(Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("a", "c");
    assertThat(events.where("hour = '11'").count()).isEqualTo(1);
    List<String> names = files(dir);
    assertThat(names)
        .isNotEmpty()
        .allMatch(
            n ->
                n.matches(
                    ".*/year=2026/month=01/day=01/hour=1[012]/batch-00000000000000000007-q0b1c2d3e-part-0000[01]\\.c000(\\.snappy\\.parquet|\\.txt)"),
            "named by batch, query and task, in their hour folder");

    // a replay of the batch writes the same names, replacing its files: no row twice
    SinglePassWrite.write(wide, "0b1c2d3e-4f50", 7, outputs, OpenedFolders.NONE, new Count());
    assertThat(files(dir)).isEqualTo(names);
    assertThat(spark.read().parquet(dir.resolve("events").toString()).count()).isEqualTo(3);
  }

  @Test
  void aReplayFindsEveryFolderTheTasksMarked(@TempDir Path dir, @TempDir Path checkpoint)
      throws IOException {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> wide =
        wide(
            3,
            row("a", "2026-01-01T08:15:00Z", true),
            row("b", "2026-01-01T11:00:00Z", true),
            row("c", "2026-01-01T12:30:00Z", true));
    var outputs = outputs(dir);
    BatchAttempts attempts = BatchAttempts.inCheckpoint(checkpoint.toUri().toString());
    // the attempt recorded raw/'s hour up front: only the events/ folders are marked by the tasks
    var recorded = Map.of("raw", List.of("year=2026/month=01/day=01/hour=12"));
    var hadoop = spark.sparkContext().hadoopConfiguration();
    var sinks = Map.of("raw", outputs.get(0).sink(), "events", outputs.get(1).sink());
    assertThat(attempts.removeEarlierFiles(hadoop, "0b1c2d3e-4f50", 9, sinks, recorded)).isZero();

    SinglePassWrite.write(
        wide, "0b1c2d3e-4f50", 9, outputs, attempts.openedFolders(9, recorded), new Count());
    int written = files(dir).size();
    // each event is in an hour of its own, so in a file of its own whichever task reads it
    assertThat(files(dir)).filteredOn(p -> p.contains("/events/")).hasSize(3);
    assertThat(files(checkpoint))
        .filteredOn(p -> p.contains("-files.d"))
        .hasSize(3)
        .allMatch(p -> p.contains("/9-files.d/events/year=2026/month=01/day=01/hour="));

    // the replay of batch 9 (say it reads nothing) removes every file of the first attempt
    assertThat(attempts.removeEarlierFiles(hadoop, "0b1c2d3e-4f50", 9, sinks, Map.of()))
        .isEqualTo(written);
    assertThat(files(dir)).isEmpty();
  }

  @Test
  void aMissingColumnIsNamedWithItsDataset(@TempDir Path dir) {
    Dataset<Row> wide =
        SparkTestSession.get()
            .createDataFrame(List.of(row("a", "2026-01-01T10:00:00Z", true)), WIDE);
    var sink = LakeDataset.EVENTS.sink(dir.toUri().toString());
    assertThatThrownBy(
            () ->
                SinglePassWrite.write(
                    wide,
                    null,
                    1,
                    List.of(RoutedOutput.every(LakeDataset.EVENTS, sink, List.of("product_id"))),
                    OpenedFolders.NONE,
                    TaskFold.none()))
        .hasMessageContaining("events/ needs column product_id");
  }

  @Test
  void speculationIsRefusedWithWhatToSet() {
    assertThatThrownBy(
            () ->
                SinglePassWrite.requireNoSpeculation(
                    new SparkConf().set("spark.speculation", "true")))
        .hasMessageContaining("spark.speculation=false");
    SinglePassWrite.requireNoSpeculation(new SparkConf());
  }

  private static List<RoutedOutput> outputs(Path dir) {
    return List.of(
        RoutedOutput.every(
            LakeDataset.RAW,
            LakeDataset.RAW.sink(dir.resolve("raw").toUri().toString()),
            List.of("value")),
        RoutedOutput.where(
            LakeDataset.EVENTS,
            LakeDataset.EVENTS.sink(dir.resolve("events").toUri().toString()),
            "_to_events",
            List.of("event_id", "event_time")));
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(Path::toString)
          .filter(p -> !p.endsWith(".crc"))
          .sorted()
          .toList();
    }
  }
}
