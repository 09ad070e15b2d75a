package io.clickpulse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.SparkTestSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotentFileSinkTest {
  @Test
  void finalNamesComeFromBatchAndTaskNotFromTheWritersUuid() {
    assertThat(
            IdempotentFileSink.finalName(
                "part-00003-0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0.c000.snappy.parquet", 42))
        .isEqualTo("batch-00000000000000000042-part-00003.c000.snappy.parquet");
    assertThatThrownBy(() -> IdempotentFileSink.finalName("something.parquet", 1))
        .hasMessageContaining("unexpected");
  }

  /**
   * A query on a new checkpoint counts its batches from 0 again: its batch 5 must neither replace
   * nor remove the files batch 5 of the earlier checkpoint's query wrote into the same folder.
   */
  @Test
  void queriesOfTwoCheckpointsKeepTheirOwnFilesOfTheSameBatchId(@TempDir Path dir)
      throws Exception {
    var spark = SparkTestSession.get();
    var sc = spark.sparkContext();
    String key = "sql.streaming.queryId";
    String earlier = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    String later = "9f8e7d6c-5b4a-3210-fedc-ba9876543210";
    IdempotentFileSink sink =
        new IdempotentFileSink(dir.toUri().toString(), "parquet", Map.of(), LakeLayout.HOURLY);
    try {
      sc.setLocalProperty(key, earlier);
      sink.write(rows(spark, "a", "b"), 5);
      sc.setLocalProperty(key, later);
      sink.write(rows(spark, "c"), 5);
      assertThat(spark.read().parquet(dir.toString()).count()).isEqualTo(3);
      assertThat(files(dir))
          .anyMatch(f -> f.contains("batch-00000000000000000005-q0b1c2d3e-part-00000"))
          .anyMatch(f -> f.contains("batch-00000000000000000005-q9f8e7d6c-part-00000"));
      // the later query's replay of batch 5 removes its own attempt's files only
      assertThat(
              sink.removeBatch(
                  sc.hadoopConfiguration(), later, 5, List.of("year=2026/month=01/day=01/hour=10")))
          .isEqualTo(1);
      assertThat(spark.read().parquet(dir.toString()).count()).isEqualTo(2);
    } finally {
      sc.setLocalProperty(key, null);
    }
  }

  /** Values of 2026-01-01, hour 10, in one partition (one file per hour folder). */
  private static Dataset<Row> rows(SparkSession spark, String... values) {
    List<Row> rows = new ArrayList<>();
    for (String v : values) {
      rows.add(row(v, "10"));
    }
    return frame(spark, rows);
  }

  private static Row row(String value, String hour) {
    return RowFactory.create(value, "2026", "01", "01", hour);
  }

  private static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
    return spark
        .createDataFrame(
            rows,
            new StructType()
                .add("v", DataTypes.StringType)
                .add("year", DataTypes.StringType)
                .add("month", DataTypes.StringType)
                .add("day", DataTypes.StringType)
                .add("hour", DataTypes.StringType))
        .repartition(1);
  }

  @Test
  void writingTheSameBatchTwiceLeavesTheSameFilesAndRows(@TempDir Path dir) throws Exception {
    List<String> first =
        withProtocol(
            SQLHadoopMapReduceCommitProtocol.class.getName(),
            () -> {
              assertThat(IdempotentFileSink.directWrites(SparkTestSession.get())).isFalse();
              return writeBatchTwiceThenAnother(dir);
            });
    // the staging folder is removed with its last write: no _staging/ marker is left in the lake
    assertThat(Files.exists(dir.resolve("_staging"))).isFalse();
    assertThat(first).hasSize(2);
  }

  /**
   * The batch re-runs' paths (FlattenJob, SessionsJob) always stage: they too leave no _staging/
   * behind.
   */
  @Test
  void reRunsLeaveNoStagingFolder(@TempDir Path dir) throws Exception {
    var spark = SparkTestSession.get();
    Dataset<Row> rows = rows(spark, "a");
    IdempotentFileSink sink =
        new IdempotentFileSink(dir.toUri().toString(), "parquet", Map.of(), LakeLayout.HOURLY);
    assertThat(sink.replacePartitions(rows, 7, List.of("year=2026/month=01/day=01/hour=10")))
        .isEqualTo(1);
    assertThat(sink.replaceOwnFiles(rows, "flatten-9", 7)).isEqualTo(1);
    assertThat(Files.exists(dir.resolve("_staging"))).isFalse();
    assertThat(files(dir))
        .hasSize(2)
        .allMatch(f -> f.contains("/year=2026/month=01/day=01/hour=10/"));
    assertThat(spark.read().parquet(dir.toString()).count()).isEqualTo(2);
  }

  /**
   * A re-run written by a single pass into its staging folder: publish moves its files in under
   * their names, and removes the re-run's own earlier files from the hours it names, also an hour
   * that holds none of its files now; other files stay.
   */
  @Test
  void publishMovesStagedFilesInAndRemovesOwnEarlierFilesFromTheNamedHours(@TempDir Path dir)
      throws Exception {
    IdempotentFileSink sink =
        new IdempotentFileSink(dir.toUri().toString(), "json", Map.of(), LakeLayout.HOURLY);
    String names = IdempotentFileSink.rerunNames("flatten-9", 7);
    String h10 = "year=2026/month=01/day=01/hour=10";
    String h11 = "year=2026/month=01/day=01/hour=11";
    Path staged = Path.of(URI.create(sink.staging(names).root())).resolve(h11);
    Files.createDirectories(staged);
    Files.writeString(staged.resolve(names + "-part-00001.c000.json"), "{\"a\":1}\n");
    Files.createDirectories(dir.resolve(h10));
    Files.writeString(dir.resolve(h10).resolve(names + "-part-00000.c000.json"), "{\"a\":0}\n");
    Files.writeString(dir.resolve(h10).resolve("batch-7-part-00000.c000.json"), "{\"a\":2}\n");

    int moved =
        sink.publish(
            SparkTestSession.get().sparkContext().hadoopConfiguration(),
            names,
            List.of(),
            List.of(h10, h11));

    assertThat(moved).isEqualTo(1);
    assertThat(files(dir))
        .containsExactlyInAnyOrder(
            dir.resolve(h10).resolve("batch-7-part-00000.c000.json").toString(),
            dir.resolve(h11).resolve(names + "-part-00001.c000.json").toString());
  }

  /**
   * The same through BatchFileCommitProtocol: the same names, and no staging or temporary folder at
   * all.
   */
  @Test
  void directWritesGiveTheSameNamesWithoutStaging(@TempDir Path dir, @TempDir Path plain)
      throws Exception {
    var spark = SparkTestSession.get();
    List<String> first =
        withProtocol(
            BatchFileCommitProtocol.class.getName(),
            () -> {
              assertThat(IdempotentFileSink.directWrites(spark)).isTrue();
              List<String> files = writeBatchTwiceThenAnother(dir);
              // any other write in the session is Spark's own: its part-<task>-<uuid> names
              spark.range(3).write().mode("overwrite").parquet(plain.toString());
              return files;
            });
    assertThat(first).hasSize(2);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("year=2026");
    }
    try (Stream<Path> s = Files.list(plain)) {
      assertThat(
              s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).toList())
          .isNotEmpty()
          .allMatch(n -> n.matches("part-\\d{5}-[0-9a-f-]{36}.*"));
    }
    assertThat(spark.read().parquet(plain.toString()).count()).isEqualTo(3);
  }

  private static <T> T withProtocol(String protocolClass, Callable<T> body) throws Exception {
    var spark = SparkTestSession.get();
    String key = "spark.sql.sources.commitProtocolClass";
    String before = spark.conf().get(key);
    spark.conf().set(key, protocolClass);
    try {
      return body.call();
    } finally {
      spark.conf().set(key, before);
    }
  }

  /** Batch 5 twice (same files), then batch 6 next to it; returns batch 5's files. */
  private static List<String> writeBatchTwiceThenAnother(Path dir) throws Exception {
    var spark = SparkTestSession.get();
    Dataset<Row> rows = frame(spark, List.of(row("a", "10"), row("b", "10"), row("c", "11")));
    IdempotentFileSink sink =
        new IdempotentFileSink(dir.toUri().toString(), "parquet", Map.of(), LakeLayout.HOURLY);
    sink.write(rows, 5);
    List<String> first = files(dir);
    sink.write(rows, 5);
    assertThat(files(dir)).isEqualTo(first);
    assertThat(first)
        .allMatch(
            f ->
                f.contains("/year=2026/month=01/day=01/hour=1")
                    && f.contains("batch-00000000000000000005-part-00000.c000"));
    assertThat(spark.read().parquet(dir.toString()).count()).isEqualTo(3);
    sink.write(rows, 6);
    assertThat(spark.read().parquet(dir.toString()).count()).isEqualTo(6);
    assertThat(files(dir)).hasSize(4);
    return first;
  }

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(Path::toString)
          .filter(p -> !p.contains("/_staging") && !p.endsWith(".crc"))
          .sorted()
          .toList();
    }
  }
}
