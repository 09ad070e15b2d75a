package io.clickpulse.dev.local;

import io.clickpulse.config.ConfigException;
import io.clickpulse.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where the local stack keeps its state and tools, and which loopback ports it uses. */
public record StackConfig(
    Path dir,
    Path toolsDir,
    KinesisEmulator kinesisEmulator,
    int kinesisPort,
    int dynamodbPort,
    int s3Port,
    boolean persistentS3,
    Duration startTimeout,
    boolean athena,
    int metastorePort,
    int trinoPort,
    Optional<Path> trinoJavaHome,
    Duration athenaStartTimeout) {

  /**
   * The local Kinesis: kinesis-mock (resharding, enhanced fan-out; its PutRecords slows as the
   * stream grows, about 900 records/s when empty and 130 at 15,000 records) or kinesalite (no
   * enhanced fan-out; 7,000-8,000 records/s here whatever the stream holds): the load path.
   */
  public enum KinesisEmulator {
    KINESIS_MOCK,
    KINESALITE
  }

  public static StackConfig from(Settings s) {
    String backend = s.string("stack.s3-backend");
    if (!backend.equals("filesystem") && !backend.equals("transient")) {
      throw ConfigException.badValue(
          "stack.s3-backend", backend, "filesystem or transient", s.source("stack.s3-backend"));
    }
    return new StackConfig(
        Path.of(s.string("stack.dir")),
        Path.of(s.string("stack.tools-dir")),
        s.mode("stack.kinesis-emulator", KinesisEmulator.class),
        s.intIn("stack.kinesis-port", 0, 65535),
        s.intIn("stack.dynamodb-port", 0, 65535),
        s.intIn("stack.s3-port", 0, 65535),
        backend.equals("filesystem"),
        s.positiveDuration("stack.start-timeout"),
        s.bool("stack.athena"),
        s.intIn("stack.metastore-port", 0, 65535),
        s.intIn("stack.trino-port", 0, 65535),
        s.optional("stack.trino-java-home").map(Path::of),
        s.positiveDuration("stack.athena-start-timeout"));
  }

  public StackConfig withDir(Path newDir) {
    return new StackConfig(
        newDir,
        toolsDir,
        kinesisEmulator,
        kinesisPort,
        dynamodbPort,
        s3Port,
        persistentS3,
        startTimeout,
        athena,
        metastorePort,
        trinoPort,
        trinoJavaHome,
        athenaStartTimeout);
  }
}
