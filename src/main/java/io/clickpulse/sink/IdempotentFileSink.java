package io.clickpulse.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one micro-batch into a partitioned dataset so that writing the same batch again (a replay
 * after a failure) leaves exactly the same files: Spark writes the batch into a staging folder,
 * then each file is moved to its partition under a name made of the batch id and the writing task's
 * number ({@code batch-00000000000000000042-q1f2e3d4c-part-00003.c000.snappy.parquet}), replacing a
 * file of the same name. A replayed batch has the same rows in the same tasks, so it produces the
 * same names. The {@code q…} part is the streaming query's id, which Spark keeps in the checkpoint:
 * a query started on a new checkpoint (batch ids from 0 again) writes and removes files of its own
 * and never replaces those of an earlier checkpoint's batch with the same id in the same folder.
 * Readers skip {@code _staging} (leading underscore).
 */
public final class IdempotentFileSink {
  private static final Pattern PART = Pattern.compile("(part-\\d+)-[0-9a-f-]{36}(.*)");

  private final String root;
  private final String format;
  private final Map<String, String> options;
  private final List<String> partitionColumns;

  /** A dataset's sink: {@link LakeDataset#sink} gives its format, options and partition columns. */
  public IdempotentFileSink(
      String root, String format, Map<String, String> options, List<String> partitionColumns) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.format = format;
    this.options = Map.copyOf(options);
    this.partitionColumns = List.copyOf(partitionColumns);
  }

  public String root() {
    return root;
  }

  /**
   * Writes the rows of batch {@code batchId}: straight to their final names when the session uses
   * {@link BatchFileCommitProtocol} (SparkSessions sets it) and speculation is off, else through a
   * staging folder and renames. Both give the same names, so a replay replaces them. Returns the
   * batch's file name prefix.
   */
  public String write(Dataset<Row> rows, long batchId) {
    String prefix = batchPrefix(writerOf(rows.sparkSession()), batchId);
    if (directWrites(rows.sparkSession())) {
      rows.write()
          .mode(SaveMode.Append)
          .format(format)
          .options(options)
          .option(BatchFileCommitProtocol.FILE_PREFIX, prefix)
          .partitionBy(partitionColumns.toArray(String[]::new))
          .save(root);
    } else {
      write(rows, prefix, List.of(), false);
    }
    return prefix;
  }

  /**
   * The streaming query running the calling thread's batch (Spark's {@code sql.streaming.queryId},
   * kept in its checkpoint), or null outside a query.
   */
  public static String writerOf(SparkSession spark) {
    return spark.sparkContext().getLocalProperty("sql.streaming.queryId");
  }

  /** {@code batch-…42-q1f2e3d4c}, or {@code batch-…42} without a writer (outside a query). */
  static String batchPrefix(String writer, long batchId) {
    String batch = filePrefix("batch", batchId);
    return writer == null ? batch : batch + "-q" + writer.replace("-", "").substring(0, 8);
  }

  /**
   * Deletes the files batch {@code batchId} of query {@code writer} (see {@link #writerOf}) wrote
   * into the given partition folders (relative, as {@link LakeLayout#hourFolder}): an earlier
   * attempt's files, which a replay that reads other records would not all overwrite. Returns how
   * many were deleted.
   */
  public int removeBatch(
      Configuration hadoop, String writer, long batchId, Collection<String> folders) {
    String own = batchPrefix(writer, batchId) + "-part-";
    int deleted = 0;
    try {
      FileSystem fs = new Path(root).getFileSystem(hadoop);
      for (String folder : folders) {
        Path dir = new Path(root + "/" + folder);
        if (!fs.exists(dir)) {
          continue;
        }
        for (var st : fs.listStatus(dir, p -> p.getName().startsWith(own))) {
          if (fs.delete(st.getPath(), false)) {
            deleted++;
          }
        }
      }
      return deleted;
    } catch (IOException e) {
      throw new UncheckedIOException("removing batch " + batchId + "'s files from " + root, e);
    }
  }

  /** {@code batch-00000000000000000042}: the start of every file name a batch or run writes. */
  private static String filePrefix(String prefix, long id) {
    return String.format("%s-%020d", prefix, id);
  }

  static boolean directWrites(SparkSession spark) {
    return BatchFileCommitProtocol.class
            .getName()
            .equals(spark.conf().get("spark.sql.sources.commitProtocolClass", ""))
        && !spark.sparkContext().getConf().getBoolean("spark.speculation", false);
  }

  /**
   * A batch re-run: writes the rows to staging, deletes the given partition folders (relative, e.g.
   * {@code year=2026/month=11/day=21/hour=10}), then moves the new files in. Only those partitions
   * change. Files are named {@code rerun-<id>-part-…}, apart from streaming batches.
   */
  public int replacePartitions(Dataset<Row> rows, long runId, List<String> partitionDirs) {
    return write(rows, filePrefix("rerun", runId), partitionDirs, false);
  }

  /**
   * Writes files named {@code <prefix>-<id>-part-…} next to whatever else the partitions hold,
   * first deleting the files an earlier run with the same prefix and id left in the partitions
   * written to: a re-run replaces its own output and nothing else.
   */
  public int replaceOwnFiles(Dataset<Row> rows, String prefix, long runId) {
    return write(rows, filePrefix(prefix, runId), List.of(), true);
  }

  /** A re-run's file names: {@code <prefix>-<id>} (its files {@code <prefix>-<id>-part-…}). */
  public static String rerunNames(String prefix, long runId) {
    return filePrefix(prefix, runId);
  }

  /**
   * This dataset's staging folder for a re-run that writes its files under {@code names} itself (a
   * {@link SinglePassWrite}), to be moved in by {@link #publish}.
   */
  public IdempotentFileSink staging(String names) {
    return new IdempotentFileSink(stagingPath(names).toString(), format, options, partitionColumns);
  }

  /**
   * Moves the files staged under {@code names} (see {@link #staging}) into their partitions: first
   * deletes the partition folders {@code replaced} (relative, as {@link LakeLayout#hourFolder}),
   * and this re-run's own earlier files (named {@code names-part-…}) from the folders {@code ownIn}
   * and those the staged files go to. Returns the number of files moved in.
   */
  public int publish(
      Configuration hadoop, String names, List<String> replaced, Collection<String> ownIn) {
    return moveIn(hadoop, names, replaced, true, ownIn);
  }

  private Path stagingPath(String names) {
    return new Path(root + "/_staging/" + names);
  }

  /** names: the files' name prefix ({@code batch-…42-q…}, {@code rerun-…7}). */
  private int write(Dataset<Row> rows, String names, List<String> replaced, boolean replaceOwn) {
    rows.write()
        .mode(SaveMode.Overwrite)
        .format(format)
        .options(options)
        .partitionBy(partitionColumns.toArray(String[]::new))
        .save(stagingPath(names).toString());
    return moveIn(
        rows.sparkSession().sparkContext().hadoopConfiguration(),
        names,
        replaced,
        replaceOwn,
        List.of());
  }

  private int moveIn(
      Configuration hadoop,
      String names,
      List<String> replaced,
      boolean replaceOwn,
      Collection<String> ownIn) {
    Path staging = stagingPath(names);
    try {
      FileSystem fs = staging.getFileSystem(hadoop);
      List<LocatedFileStatus> files = new ArrayList<>();
      // nothing staged when a re-run found no rows: it still replaces what it names
      if (fs.exists(staging)) {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(staging, true);
        while (it.hasNext()) {
          LocatedFileStatus f = it.next();
          String name = f.getPath().getName();
          if (!name.startsWith("_") && !name.startsWith(".")) {
            files.add(f);
          }
        }
      }
      for (String dir : replaced) {
        fs.delete(new Path(root + "/" + dir), true);
      }
      String stagingPrefix = fs.makeQualified(staging).toString() + "/";
      if (replaceOwn) {
        String own = names + "-part-";
        Set<String> dirs = new TreeSet<>(ownIn);
        for (LocatedFileStatus f : files) {
          String relative = f.getPath().toString().substring(stagingPrefix.length());
          dirs.add(
              relative.lastIndexOf('/') < 0
                  ? ""
                  : relative.substring(0, relative.lastIndexOf('/')));
        }
        for (String dir : dirs) {
          Path target = new Path(root + "/" + dir);
          if (fs.exists(target)) {
            for (var st : fs.listStatus(target, p -> p.getName().startsWith(own))) {
              fs.delete(st.getPath(), false);
            }
          }
        }
      }
      for (LocatedFileStatus f : files) {
        String relative = f.getPath().toString().substring(stagingPrefix.length());
        int slash = relative.lastIndexOf('/');
        String dir = slash < 0 ? "" : relative.substring(0, slash + 1);
        String name = f.getPath().getName();
        // a single pass's files have their final names already; Spark's writer's get them here
        Path target =
            new Path(
                root
                    + "/"
                    + dir
                    + (name.startsWith(names + "-part-") ? name : finalName(name, names)));
        fs.mkdirs(target.getParent());
        if (fs.exists(target)) {
          fs.delete(target, false);
        }
        if (!fs.rename(f.getPath(), target)) {
          throw new IOException("could not move " + f.getPath() + " to " + target);
        }
      }
      if (fs.exists(staging)) {
        fs.delete(staging, true);
      }
      removeIfEmpty(fs, staging.getParent());
      return files.size();
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + names + " to " + root, e);
    }
  }

  /**
   * Drops the {@code _staging} folder once no write uses it: on S3 deleting its last child leaves a
   * directory marker object behind, which lake listings (and the catalog's partition scan) see.
   * Non-recursive, so a concurrent write's staging folder is never touched: its delete just fails.
   */
  private static void removeIfEmpty(FileSystem fs, Path dir) {
    try {
      var children = fs.listStatus(dir);
      if (children.length == 0) {
        fs.delete(dir, false);
      }
    } catch (IOException e) {
      // gone already, or filled by another write in between: either way nothing to clean
    }
  }

  /**
   * {@code part-00003-<uuid>.c000.snappy.parquet} → {@code
   * batch-…42-part-00003.c000.snappy.parquet}.
   */
  static String finalName(String sparkName, long batchId) {
    return finalName(sparkName, filePrefix("batch", batchId));
  }

  private static String finalName(String sparkName, String names) {
    Matcher m = PART.matcher(sparkName);
    if (!m.matches()) {
      throw new IllegalStateException("unexpected file name from Spark's writer: " + sparkName);
    }
    return names + "-" + m.group(1) + m.group(2);
  }
}
