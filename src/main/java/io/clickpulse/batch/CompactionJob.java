package io.clickpulse.batch;

import io.clickpulse.config.BatchConfig;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.runtime.JobRunner;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Merges the small files micro-batches leave in closed hour partitions of events and sessions
 * ({@code clickpulse run compaction}, or a scheduled Glue job). A partition is rewritten into a new
 * folder (compacted/&lt;table&gt;/&lt;partition&gt;/run=&lt;id&gt;/) in files near
 * compaction.target-file-mb, the row count is checked, and only then the catalog's partition is
 * pointed at it: a reader through the catalog sees the old files or the new ones, never a mix,
 * never a gap. The replaced folder is deleted (by that run or a later one) once its files are older
 * than compaction.retain-replaced, so queries that started before the switch can finish.
 *
 * <p>A partition is closed once its hour ended compaction.min-age ago (by default the stream's
 * max-event-age + 1 h: the streaming job can write nothing more into it). Idempotent: a compacted
 * partition has fewer than compaction.min-files files and is left alone.
 */
public final class CompactionJob {
  static final List<LakeDataset> TABLES = List.of(LakeDataset.EVENTS, LakeDataset.SESSIONS);

  private CompactionJob() {}

  public record Result(
      int partitionsCompacted, int filesBefore, int filesAfter, long rows, int foldersDeleted) {}

  public static void main(String[] args) throws Exception {
    JobRunner.run(
        args,
        "clickpulse-compaction",
        (spark, config) -> run(spark, config, Clock.systemUTC(), System.out::println));
  }

  public static Result run(
      SparkSession spark, ClickpulseConfig config, Clock clock, Consumer<String> progress) {
    BatchConfig b = config.batch();
    if (!PartitionRegistry.available(spark)) {
      throw new ConfigException(
          "compaction: switches partitions in the catalog: set catalog.metastore-uri"
              + " (the local stack does), or run on Glue with --enable-glue-datacatalog");
    }
    PartitionRegistry registry = new PartitionRegistry(spark, b.database(), b.locationScheme());
    Instant now = clock.instant();
    long runId = now.getEpochSecond();
    int compacted = 0;
    int before = 0;
    int after = 0;
    long rows = 0;
    int deleted = 0;
    try {
      FileSystem fs =
          new Path(config.lake().uri("")).getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (LakeDataset dataset : TABLES) {
        String table = dataset.table();
        for (PartitionRegistry.Partition p : registry.list(table, dataset.partitionColumns())) {
          Instant hourEnd = p.end();
          if (hourEnd.plus(b.compactionMinAge()).isAfter(now)
              || b.range()
                  .map(r -> hourEnd.isAfter(r.to()) || !hourEnd.isAfter(r.from()))
                  .orElse(false)) {
            continue;
          }
          Path current = new Path(p.location());
          List<FileStatus> files = dataFiles(fs, current);
          if (files.size() < b.minFiles()) {
            continue;
          }
          long bytes = files.stream().mapToLong(FileStatus::getLen).sum();
          int target = (int) Math.max(1, (bytes + b.targetFileBytes() - 1) / b.targetFileBytes());
          Path next =
              new Path(
                  config.lake().uri(dataset.compactedFolder() + "/" + p.path() + "/run=" + runId));
          Dataset<Row> old = dataset.read(spark, current.toString());
          long count = old.count();
          dataset.overwrite(old.repartition(target), next.toString());
          long written = dataset.read(spark, next.toString()).count();
          if (written != count) {
            fs.delete(next, true);
            throw new IllegalStateException(
                "compaction of "
                    + table
                    + " "
                    + p.path()
                    + " wrote "
                    + written
                    + " rows, read "
                    + count
                    + ": partition left as it was");
          }
          registry.setLocation(table, p.spec(), next.toString());
          compacted++;
          before += files.size();
          int filesAfter = dataFiles(fs, next).size();
          after += filesAfter;
          rows += count;
          progress.accept(
              "compaction: "
                  + table
                  + " "
                  + p.path()
                  + ": "
                  + files.size()
                  + " files → "
                  + filesAfter
                  + " ("
                  + count
                  + " rows, "
                  + bytes / 1024
                  + " KiB)");
        }
        deleted +=
            deleteReplaced(fs, registry, dataset, config, now.minus(b.retainReplaced()), progress);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("compaction", e);
    }
    progress.accept(
        "compaction: "
            + compacted
            + " partitions compacted ("
            + before
            + " files → "
            + after
            + "), "
            + deleted
            + " replaced folders deleted");
    return new Result(compacted, before, after, rows, deleted);
  }

  /**
   * Folders no partition points at any more: the stream's original folder of a compacted partition,
   * and earlier compaction runs (also of partitions a re-run moved back to their folder), once
   * their newest file is older than the cut-off.
   */
  private static int deleteReplaced(
      FileSystem fs,
      PartitionRegistry registry,
      LakeDataset dataset,
      ClickpulseConfig config,
      Instant cutoff,
      Consumer<String> progress)
      throws IOException {
    int deleted = 0;
    String table = dataset.table();
    for (PartitionRegistry.Partition p : registry.list(table, dataset.partitionColumns())) {
      List<Path> candidates = new ArrayList<>();
      if (p.location().contains("/" + LakeLayout.COMPACTED + "/")) {
        candidates.add(new Path(dataset.uri(config.lake()) + "/" + p.path()));
      }
      // earlier compaction runs: also those a re-run (flatten, sessions) moved the partition away
      // from
      Path runs = new Path(config.lake().uri(dataset.compactedFolder() + "/" + p.path()));
      if (fs.exists(runs)) {
        for (FileStatus st : fs.listStatus(runs)) {
          candidates.add(st.getPath());
        }
      }
      String live = fs.makeQualified(new Path(p.location())).toString();
      for (Path c : candidates) {
        if (!fs.exists(c) || fs.makeQualified(c).toString().equals(live)) {
          continue;
        }
        long newest =
            dataFiles(fs, c).stream().mapToLong(FileStatus::getModificationTime).max().orElse(0);
        if (Instant.ofEpochMilli(newest).isBefore(cutoff)) {
          fs.delete(c, true);
          deleted++;
          progress.accept(
              "compaction: deleted "
                  + c
                  + " (replaced; "
                  + table
                  + " "
                  + p.path()
                  + " is read from "
                  + live
                  + ")");
        }
      }
    }
    return deleted;
  }

  private static List<FileStatus> dataFiles(FileSystem fs, Path dir) throws IOException {
    if (!fs.exists(dir)) {
      return List.of();
    }
    List<FileStatus> out = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dir)) {
      String n = st.getPath().getName();
      if (st.isFile() && !n.startsWith("_") && !n.startsWith(".")) {
        out.add(st);
      }
    }
    return out;
  }
}
