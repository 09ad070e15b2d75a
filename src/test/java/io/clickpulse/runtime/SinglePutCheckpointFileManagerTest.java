package io.clickpulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.SparkTestSession;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.execution.streaming.CheckpointFileManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint files on S3 (s3proxy) are published by one upload on close and never appear half
 * written or after a cancel; a local checkpoint keeps Spark's temp-and-rename with the same
 * guarantees.
 */
class SinglePutCheckpointFileManagerTest {
  static final ClickpulseConfig CONFIG = TestStack.config();
  static Configuration hadoop;
  static Path root;

  @BeforeAll
  static void bucket() {
    var spark = SparkTestSession.get();
    SparkSessions.configure(spark, CONFIG);
    new AwsClients(CONFIG.aws()).s3().createBucket(b -> b.bucket(CONFIG.lake().bucket()));
    hadoop = spark.sessionState().newHadoopConf();
    root = new Path("s3a://" + CONFIG.lake().bucket() + "/checkpoints/single-put");
  }

  @Test
  void sparkCreatesThisManagerForEveryCheckpoint() {
    assertThat(CheckpointFileManager.create(root, hadoop))
        .isInstanceOf(SinglePutCheckpointFileManager.class);
  }

  @Test
  void onS3AEveryCallerOfABucketSharesOneClient() throws IOException {
    // a new S3A file system per call (the cache off) built a client and thread pools for every
    // attempt record and task mark and never closed them
    var first = root.getFileSystem(hadoop);
    var again =
        new Path(root, "commits/0")
            .getFileSystem(SparkTestSession.get().sessionState().newHadoopConf());
    assertThat(again).isSameAs(first);
  }

  @Test
  void onS3AFileAppearsOnlyWhenClosedAndAnExistingOneIsKept() throws IOException {
    var manager = new SinglePutCheckpointFileManager(root, hadoop);
    assertThat(manager.singlePut()).isTrue();
    manager.mkdirs(new Path(root, "offsets"));
    Path file = new Path(root, "offsets/0");

    var out = manager.createAtomic(file, false);
    out.write(bytes("v1\n{\"batch\":0}"));
    out.flush();
    assertThat(manager.exists(file)).as("visible before close").isFalse();
    out.close();
    assertThat(read(manager, file)).isEqualTo("v1\n{\"batch\":0}");

    assertThatThrownBy(() -> manager.createAtomic(file, false))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(read(manager, file)).isEqualTo("v1\n{\"batch\":0}");

    var replace = manager.createAtomic(file, true);
    replace.write(bytes("v1\n{\"batch\":1}"));
    replace.close();
    assertThat(read(manager, file)).isEqualTo("v1\n{\"batch\":1}");
  }

  @Test
  void onS3ACancelledFileNeverAppearsEvenWhenClosedAfterwards() throws IOException {
    var manager = new SinglePutCheckpointFileManager(root, hadoop);
    Path delta = new Path(root, "state/0/1/2.delta");
    var out = manager.createAtomic(delta, true);
    out.write(new byte[64 * 1024]);
    out.cancel();
    // a state store closes its compression stream, and with it this one, after cancelling
    out.close();
    assertThat(manager.exists(delta)).isFalse();
  }

  @Test
  void locallyRenamesAsSparkDoes(@TempDir java.nio.file.Path dir) throws IOException {
    Path local = new Path(dir.toUri());
    var manager = new SinglePutCheckpointFileManager(local, hadoop);
    assertThat(manager.singlePut()).isFalse();
    manager.mkdirs(new Path(local, "commits"));
    Path file = new Path(local, "commits/0");
    var out = manager.createAtomic(file, false);
    out.write(bytes("v1\n{}"));
    assertThat(manager.exists(file)).isFalse();
    out.close();
    assertThat(read(manager, file)).isEqualTo("v1\n{}");
    Path cancelled = new Path(local, "commits/1");
    var other = manager.createAtomic(cancelled, false);
    other.write(bytes("v1\n{}"));
    other.cancel();
    assertThat(manager.exists(cancelled)).isFalse();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String read(CheckpointFileManager manager, Path file) throws IOException {
    try (var in = manager.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
