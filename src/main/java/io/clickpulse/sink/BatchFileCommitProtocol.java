package io.clickpulse.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.internal.io.FileNameSpec;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import scala.Option;
import scala.collection.Seq;

/**
 * Spark's default commit protocol, plus one mode for micro-batch outputs: when a write carries the
 * option {@value #FILE_PREFIX}, each task writes straight to its final file, named from that prefix
 * and the task's partition number ({@code batch-…42-part-00003.c000.snappy.parquet}), with no
 * temporary folder, no task or job commit and no rename (a file of that name, from an earlier run
 * of the same batch, is deleted first). On S3 a rename is a copy, so this takes most of the
 * object-store round trips out of a small batch. It is safe because the names are deterministic: a
 * retried task or a replayed batch writes the same rows under the same names and replaces them, and
 * an S3 object appears whole or not at all. It needs speculation off (two live attempts of one task
 * would write one name), which is Glue's default; {@link IdempotentFileSink} checks it. Without the
 * option, every write behaves as Spark's own.
 */
public class BatchFileCommitProtocol extends SQLHadoopMapReduceCommitProtocol {
  private static final long serialVersionUID = 1L;

  /** Write option: the final files' name prefix, e.g. {@code batch-00000000000000000042}. */
  public static final String FILE_PREFIX = "clickpulse.sink.file-prefix";

  private final String root;

  public BatchFileCommitProtocol(String jobId, String path, boolean dynamicPartitionOverwrite) {
    super(jobId, path, dynamicPartitionOverwrite);
    this.root = path;
  }

  private static String prefix(JobContext context) {
    return context.getConfiguration().get(FILE_PREFIX);
  }

  @Override
  public void setupJob(JobContext jobContext) {
    if (prefix(jobContext) == null) {
      super.setupJob(jobContext);
    }
  }

  @Override
  public void setupTask(TaskAttemptContext taskContext) {
    if (prefix(taskContext) == null) {
      super.setupTask(taskContext);
    }
  }

  @Override
  public String newTaskTempFile(
      TaskAttemptContext taskContext, Option<String> dir, FileNameSpec spec) {
    String prefix = prefix(taskContext);
    if (prefix == null) {
      return super.newTaskTempFile(taskContext, dir, spec);
    }
    int split = taskContext.getTaskAttemptID().getTaskID().getId();
    String name = String.format("%s%s-part-%05d%s", spec.prefix(), prefix, split, spec.suffix());
    Path parent = dir.isDefined() ? new Path(root, dir.get()) : new Path(root);
    Path file = new Path(parent, name);
    try {
      // Spark's writers create without overwriting: a replay's file replaces the first one here
      file.getFileSystem(taskContext.getConfiguration()).delete(file, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + file, e);
    }
    return file.toString();
  }

  @Override
  public FileCommitProtocol.TaskCommitMessage commitTask(TaskAttemptContext taskContext) {
    return prefix(taskContext) == null
        ? super.commitTask(taskContext)
        : new FileCommitProtocol.TaskCommitMessage(null);
  }

  @Override
  public void abortTask(TaskAttemptContext taskContext) {
    // a direct file left by a failed attempt is replaced by the retry or by the batch's replay
    if (prefix(taskContext) == null) {
      super.abortTask(taskContext);
    }
  }

  @Override
  public void commitJob(
      JobContext jobContext, Seq<FileCommitProtocol.TaskCommitMessage> taskCommits) {
    if (prefix(jobContext) == null) {
      super.commitJob(jobContext, taskCommits);
    }
  }

  @Override
  public void abortJob(JobContext jobContext) {
    if (prefix(jobContext) == null) {
      super.abortJob(jobContext);
    }
  }
}
