package io.clickpulse.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The batch jobs (batch.*, compaction.*, catalog.*, athena.* keys). */
public record BatchConfig(
    Optional<Range> range,
    long targetFileBytes,
    int minFiles,
    Duration compactionMinAge,
    Duration retainReplaced,
    String database,
    Optional<String> metastoreUri,
    String locationScheme,
    Optional<String> ddlDir,
    AthenaEngine athenaEngine,
    Optional<String> trinoUri,
    String athenaCatalog,
    String workgroup,
    Optional<String> outputLocation,
    Duration athenaTimeout) {

  /**
   * Where views are created and queries run (athena.engine): Amazon Athena's API, or a Trino server
   * (locally).
   */
  public enum AthenaEngine {
    ATHENA,
    TRINO
  }

  /** Whole UTC hours [from, to). */
  public record Range(Instant from, Instant to) {
    public String describe() {
      return "[" + from + ", " + to + ")";
    }
  }

  /**
   * Reads the batch keys; a relative range (batch.date=yesterday, batch.hour=last) is resolved
   * against {@code clock}, once, here.
   */
  public static BatchConfig from(Settings s, StreamingConfig streaming, Clock clock) {
    Optional<Range> range = BatchRangeResolver.resolve(s, clock);
    return new BatchConfig(
        range,
        s.intIn("compaction.target-file-mb", 1, 4096) * 1024L * 1024L,
        s.intIn("compaction.min-files", 2, 1_000_000),
        s.optional("compaction.min-age").isPresent()
            ? s.duration("compaction.min-age")
            : streaming.maxEventAge().plus(Duration.ofHours(1)),
        s.duration("compaction.retain-replaced"),
        s.string("catalog.database"),
        s.optional("catalog.metastore-uri"),
        s.oneOf("catalog.location-scheme", "s3", "s3a"),
        s.optional("catalog.ddl-dir"),
        s.mode("athena.engine", AthenaEngine.class),
        s.optional("athena.trino-uri"),
        s.string("athena.catalog"),
        s.string("athena.workgroup"),
        s.optional("athena.output-location"),
        s.positiveDuration("athena.timeout"));
  }

  /** The range, or a clear error naming the arguments a job needs. */
  public Range requireRange(String job) {
    return range.orElseThrow(
        () ->
            new ConfigException(
                job
                    + ": give the range to work on: --date 2026-11-21 (or today, yesterday),"
                    + " --hour 2026-11-21T10:00:00Z (or last), or"
                    + " --from 2026-11-21T00:00:00Z --to 2026-11-21T06:00:00Z (whole UTC hours)"));
  }
}
