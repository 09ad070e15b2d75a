package io.clickpulse.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Options.ChecksumOpt;
import org.apache.hadoop.fs.Options.CreateOpts;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.execution.streaming.FileContextBasedCheckpointFileManager;

/**
 * Writes each checkpoint file (offsets, commits, state deltas and snapshots) with one upload where
 * the file system's output streams publish only on close: S3A's stream uploads when closed and,
 * when aborted, publishes nothing, so the file appears whole or not at all, which is what Spark's
 * temp-file-and-rename gets on HDFS. On S3 that rename is a copy and a delete after a round of
 * probes, most of a small micro-batch's checkpoint time (README "Benchmark"). File systems whose
 * streams cannot be aborted (local, HDFS) keep Spark's rename.
 *
 * <p>Like the rename it replaces on S3, "create unless it exists" checks then writes: two queries
 * sharing one checkpoint are not detected with certainty, on S3 or here.
 */
public class SinglePutCheckpointFileManager extends FileContextBasedCheckpointFileManager {
  private final boolean singlePut;

  public SinglePutCheckpointFileManager(Path path, Configuration hadoopConf) {
    super(path, hadoopConf);
    try {
      singlePut = fc().hasPathCapability(path, CommonPathCapabilities.ABORTABLE_STREAM);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot query the file system of checkpoint " + path, e);
    }
  }

  /** Whether files under this checkpoint are written with one upload (false: temp and rename). */
  public boolean singlePut() {
    return singlePut;
  }

  @Override
  public CancellableFSDataOutputStream createAtomic(Path path, boolean overwriteIfPossible) {
    if (!singlePut) {
      return super.createAtomic(path, overwriteIfPossible);
    }
    EnumSet<CreateFlag> flags =
        overwriteIfPossible
            ? EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE)
            : EnumSet.of(CreateFlag.CREATE);
    try {
      // checksums off as in Spark's own manager: a checkpoint file has no .crc sibling
      return new AbortOnCancel(
          fc().create(
                  path,
                  flags,
                  CreateOpts.createParent(),
                  CreateOpts.checksumParam(ChecksumOpt.createDisabled())));
    } catch (IOException e) {
      // Spark's callers tell a concurrent writer by FileAlreadyExistsException: keep the type
      throw CheckedAsUnchecked.<RuntimeException>rethrow(e);
    }
  }

  /** Scala's createAtomic declares no exceptions, yet its callers catch IOException subtypes. */
  private static final class CheckedAsUnchecked {
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T rethrow(Throwable t) throws T {
      throw (T) t;
    }
  }

  /** Close publishes the file; cancel aborts the upload, so nothing appears. */
  private static final class AbortOnCancel extends CancellableFSDataOutputStream {
    private final FSDataOutputStream upload;
    private boolean cancelled;

    AbortOnCancel(FSDataOutputStream upload) {
      super(upload);
      this.upload = upload;
    }

    @Override
    public synchronized void cancel() {
      if (!cancelled) {
        cancelled = true;
        upload.abort();
      }
    }

    @Override
    public synchronized void close() throws IOException {
      // a state store closes its compression stream after cancelling the file under it
      if (!cancelled) {
        super.close();
      }
    }
  }
}
