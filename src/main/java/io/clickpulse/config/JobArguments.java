package io.clickpulse.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses Glue-style job arguments ({@code --key value} or {@code --key=value}). A flag with no
 * value (next token is another flag, or none) means {@code true}. Only {@code --profile} and keys
 * in one of clickpulse's namespaces ({@code kinesis.stream}: {@link #NAMESPACES}) are config keys,
 * where an unknown one fails at start; any other argument is one the platform added (AWS Glue adds
 * its own beyond any fixed list): kept apart in {@link #glueArguments}, and ignored, with a log
 * line unless it is one Glue is known to add.
 */
public record JobArguments(Map<String, String> values, Map<String, String> glueArguments) {
  private static final Logger LOG = LoggerFactory.getLogger(JobArguments.class);

  /**
   * The first part of every key of conf/clickpulse-defaults.properties (JobArgumentsTest keeps them
   * in step).
   */
  static final Set<String> NAMESPACES =
      Set.of(
          "aws",
          "kinesis",
          "streaming",
          "enrich",
          "sessions",
          "alerts",
          "batch",
          "compaction",
          "catalog",
          "athena",
          "pricing",
          "bench",
          "dynamodb",
          "lake",
          "stack",
          "seed",
          "generate",
          "collector");

  /** Arguments the Glue service passes on its own; accepted, never treated as config keys. */
  static final Set<String> GLUE_RESERVED =
      Set.of(
          "JOB_NAME",
          "JOB_ID",
          "JOB_RUN_ID",
          "TempDir",
          "job-bookmark-option",
          "job-language",
          "enable-glue-datacatalog",
          "enable-metrics",
          "enable-spark-ui",
          "spark-event-logs-path",
          "enable-continuous-cloudwatch-log",
          "enable-continuous-log-filter",
          "continuous-log-logGroup",
          "continuous-log-logStreamPrefix",
          "continuous-log-conversionPattern",
          "enable-job-insights",
          "enable-observability-metrics",
          "enable-auto-scaling",
          "extra-jars",
          "extra-py-files",
          "extra-files",
          "user-jars-first",
          "class",
          "scriptLocation",
          "conf",
          "datalake-formats",
          "additional-python-modules",
          "python-modules-installer-option",
          "encryption-type",
          "RedshiftTempDir",
          "enable-s3-parquet-optimized-committer",
          "enable-rename-algorithm-v2",
          "auto-scale-within-microbatch",
          "customer-driver-env-vars",
          "customer-executor-env-vars",
          "executor-cores",
          "job-run-queuing-enabled",
          "WORKFLOW_NAME",
          "WORKFLOW_RUN_ID",
          "TRIGGERED_BY",
          "glue-version");

  public static JobArguments parse(List<String> args) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> glue = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String token = args.get(i);
      if (!token.startsWith("--") || token.length() == 2) {
        throw new ConfigException("job argument '" + token + "': expected --key value");
      }
      String key = token.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq > 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        value = "true";
      }
      if (isClickpulseKey(key)) {
        values.put(key, value);
      } else {
        glue.put(key, value);
        if (!GLUE_RESERVED.contains(key)) {
          LOG.info(
              "job argument --{} ignored: not a clickpulse key (--profile, or a key of {})",
              key,
              NAMESPACES.stream().sorted().map(n -> n + ".*").toList());
        }
      }
    }
    return new JobArguments(Map.copyOf(values), Map.copyOf(glue));
  }

  /**
   * {@code profile}, or a key whose first part (before the first dot) is one of {@link
   * #NAMESPACES}.
   */
  static boolean isClickpulseKey(String key) {
    int dot = key.indexOf('.');
    return key.equals(Settings.PROFILE_KEY)
        || (dot > 0 && NAMESPACES.contains(key.substring(0, dot)));
  }

  public String jobName() {
    return glueArguments.getOrDefault("JOB_NAME", "");
  }
}
