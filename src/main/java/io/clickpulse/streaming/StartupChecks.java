package io.clickpulse.streaming;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.StreamingConfig;
import io.clickpulse.runtime.SparkSessions;
import io.clickpulse.sink.SinglePassWrite;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the streaming job checks before it starts a query, so that an operator error fails the start
 * with a message naming the config key, not the first micro-batch that has data (on an empty stream
 * that can be never): the Kinesis stream exists and is active, every DynamoDB table the job reads
 * or writes exists, the lake bucket answers, and each checkpoint folder belongs to its query
 * ({@link CheckpointIdentity}). Calls have short timeouts: an endpoint nothing listens on fails in
 * seconds. All problems found are reported together.
 */
public final class StartupChecks {
  private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

  /** Per AWS call, retries included. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /** A start-up check failed; the message names the config keys involved. */
  public static final class Failed extends RuntimeException {
    public Failed(String message) {
      super(message);
    }
  }

  private StartupChecks() {}

  /**
   * Every check of the streaming job (its main query, the demand query on the separate path, and
   * the sessions query when enabled).
   */
  public static void run(SparkSession spark, ClickpulseConfig config) {
    long t0 = System.nanoTime();
    checkResources(config);
    SparkSessions.configure(spark, config);
    SinglePassWrite.requireNoSpeculation(spark.sparkContext().getConf());
    var hadoop = spark.sparkContext().hadoopConfiguration();
    CheckpointIdentity.main(config)
        .claim(
            config.streaming().checkpoint(),
            "streaming.checkpoint",
            config.settings().source("streaming.checkpoint"),
            hadoop);
    if (config.streaming().demandPath() == StreamingConfig.DemandPath.SEPARATE) {
      CheckpointIdentity.demand(config)
          .claim(
              config.streaming().demandCheckpoint(),
              "streaming.demand-checkpoint",
              config.settings().source("streaming.demand-checkpoint"),
              hadoop);
    }
    if (config.sessions().enabled()) {
      CheckpointIdentity.sessions(config)
          .claim(
              config.sessions().checkpoint(),
              "sessions.checkpoint",
              config.settings().source("sessions.checkpoint"),
              hadoop);
    }
    LOG.info(
        "start-up checks passed in {} ms: stream {}, tables {}, bucket {}, checkpoints of their queries",
        (System.nanoTime() - t0) / 1_000_000,
        config.stream().name(),
        tables(config).values(),
        config.lake().bucket());
  }

  /** The DynamoDB tables the streaming job uses, by config key. */
  static Map<String, String> tables(ClickpulseConfig config) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("dynamodb.table.products", config.tables().products());
    t.put("dynamodb.table.orders", config.tables().orders());
    if (config.enrich().userProfile()) {
      t.put("dynamodb.table.users", config.tables().users());
    }
    t.put("dynamodb.table.product-demand", config.tables().productDemand());
    if (config.sessions().enabled()) { // both modes write their items there
      t.put("dynamodb.table.sessions", config.tables().sessions());
    }
    return t;
  }

  /**
   * The stream, the tables and the lake bucket; throws one {@link Failed} listing every problem.
   */
  public static void checkResources(ClickpulseConfig config) {
    AwsClients clients = AwsClients.withShortTimeouts(config.aws(), CALL_TIMEOUT);
    List<String> problems = new ArrayList<>();
    try (KinesisClient kinesis = clients.kinesis()) {
      checkStream(config, kinesis, problems);
    }
    try (DynamoDbClient dynamo = clients.dynamoDb()) {
      checkTables(config, dynamo, problems);
    }
    try (S3Client s3 = clients.s3()) {
      checkBucket(config, s3, problems);
    }
    if (!problems.isEmpty()) {
      throw new Failed("start-up checks failed:\n  - " + String.join("\n  - ", problems));
    }
  }

  private static void checkStream(
      ClickpulseConfig config, KinesisClient kinesis, List<String> problems) {
    String stream = config.stream().name();
    String what =
        "Kinesis stream '"
            + stream
            + "' (config key kinesis.stream, from "
            + source(config, "kinesis.stream")
            + ")";
    try {
      var summary =
          kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary();
      if (summary.streamStatus() != StreamStatus.ACTIVE
          && summary.streamStatus() != StreamStatus.UPDATING) {
        problems.add(what + " is " + summary.streamStatus() + ", not ACTIVE");
      }
    } catch (software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException e) {
      problems.add(
          what
              + " does not exist at "
              + endpoint(config, "aws.kinesis.endpoint", config.aws().kinesisEndpoint()));
    } catch (SdkException e) {
      problems.add(
          failure(
              "Kinesis",
              "DescribeStreamSummary of " + what,
              config,
              "aws.kinesis.endpoint",
              config.aws().kinesisEndpoint(),
              e));
    }
  }

  private static void checkTables(
      ClickpulseConfig config, DynamoDbClient dynamo, List<String> problems) {
    for (var table : tables(config).entrySet()) {
      String what =
          "DynamoDB table '"
              + table.getValue()
              + "' (config key "
              + table.getKey()
              + ", from "
              + source(config, table.getKey())
              + ")";
      try {
        TableStatus status =
            dynamo.describeTable(b -> b.tableName(table.getValue())).table().tableStatus();
        if (status != TableStatus.ACTIVE && status != TableStatus.UPDATING) {
          problems.add(what + " is " + status + ", not ACTIVE");
        }
      } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
        problems.add(
            what
                + " does not exist at "
                + endpoint(config, "aws.dynamodb.endpoint", config.aws().dynamodbEndpoint()));
      } catch (SdkException e) {
        problems.add(
            failure(
                "DynamoDB",
                "DescribeTable of " + what,
                config,
                "aws.dynamodb.endpoint",
                config.aws().dynamodbEndpoint(),
                e));
        if (e instanceof SdkClientException) {
          return; // no answer from the endpoint: the other tables would only repeat it
        }
      }
    }
  }

  private static void checkBucket(ClickpulseConfig config, S3Client s3, List<String> problems) {
    String bucket = config.lake().bucket();
    String what =
        "lake bucket '"
            + bucket
            + "' (config key lake.bucket, from "
            + source(config, "lake.bucket")
            + ")";
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (AwsServiceException e) {
      if (e.statusCode() == 404) {
        problems.add(
            what
                + " does not exist at "
                + endpoint(config, "aws.s3.endpoint", config.aws().s3Endpoint()));
      } else {
        problems.add(
            what
                + ": HeadBucket answered HTTP "
                + e.statusCode()
                + (e.statusCode() == 403
                    ? " (no access: the job's role or keys may not use it)"
                    : "")
                + (e.statusCode() == 301
                    ? " (the bucket is in another region than aws.region "
                        + config.aws().region()
                        + ")"
                    : "")
                + " at "
                + endpoint(config, "aws.s3.endpoint", config.aws().s3Endpoint()));
      }
    } catch (SdkException e) {
      problems.add(
          failure(
              "S3",
              "HeadBucket of " + what,
              config,
              "aws.s3.endpoint",
              config.aws().s3Endpoint(),
              e));
    }
  }

  private static String failure(
      String service,
      String call,
      ClickpulseConfig config,
      String endpointKey,
      Optional<URI> endpoint,
      SdkException e) {
    String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof SdkClientException) {
      return "no answer from "
          + service
          + " at "
          + endpoint(config, endpointKey, endpoint)
          + " within "
          + CALL_TIMEOUT.toSeconds()
          + " s ("
          + call
          + "): "
          + cause;
    }
    return call + " failed at " + endpoint(config, endpointKey, endpoint) + ": " + cause;
  }

  /**
   * "http://127.0.0.1:4567 (config key aws.kinesis.endpoint, from ...)" or the region's AWS
   * endpoint.
   */
  private static String endpoint(ClickpulseConfig config, String key, Optional<URI> endpoint) {
    return endpoint
        .map(u -> u + " (config key " + key + ", from " + source(config, key) + ")")
        .orElseGet(
            () ->
                "the AWS endpoint of region "
                    + config.aws().region()
                    + " (config key aws.region, from "
                    + source(config, "aws.region")
                    + "; "
                    + key
                    + " is empty)");
  }

  private static String source(ClickpulseConfig config, String key) {
    return config.settings().source(key);
  }
}
