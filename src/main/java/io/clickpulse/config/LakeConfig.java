package io.clickpulse.config;

/** The S3 data lake: one bucket, fixed prefixes per dataset. */
public record LakeConfig(String bucket) {
  public static LakeConfig from(Settings s) {
    String bucket = s.string("lake.bucket");
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw ConfigException.badValue(
          "lake.bucket",
          bucket,
          "an S3 bucket name (3-63 of a-z 0-9 . -)",
          s.source("lake.bucket"));
    }
    return new LakeConfig(bucket);
  }

  /** Hadoop s3a URI of a dataset prefix, e.g. {@code s3a://bucket/events}. */
  public String uri(String dataset) {
    return "s3a://" + bucket + "/" + dataset;
  }
}
