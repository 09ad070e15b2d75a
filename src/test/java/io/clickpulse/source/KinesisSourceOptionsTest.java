package io.clickpulse.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.config.ClickpulseConfig;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class KinesisSourceOptionsTest {

  @Test
  void quboleOptionsForTheLocalStack() {
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs(
            "--aws.kinesis.endpoint",
            "http://127.0.0.1:4567",
            "--kinesis.max-fetch-time",
            "2s",
            "--kinesis.max-records-per-read",
            "500");
    assertThat(KinesisSourceOptions.format(c.streaming()))
        .isEqualTo("org.apache.spark.sql.kinesis.KinesisSourceProvider");
    Map<String, String> o =
        KinesisSourceOptions.options(c.stream(), c.streaming(), c.aws(), List.of());
    assertThat(o)
        .containsEntry("streamName", "clickstream")
        .containsEntry("endpointUrl", "http://127.0.0.1:4567")
        .containsEntry("startingPosition", "trim_horizon")
        .containsEntry("kinesis.executor.maxFetchTimeInMs", "2000")
        .containsEntry("kinesis.executor.maxRecordPerRead", "500")
        .containsEntry("kinesis.executor.maxFetchRecordsPerShard", "100000")
        .containsEntry("awsAccessKeyId", "local")
        .containsEntry("awsSecretKey", "local")
        .containsEntry("awsUseInstanceProfile", "false")
        .containsEntry("failOnDataLoss", "false");
  }

  @Test
  void quboleOnAwsUsesTheRegionalEndpointAndNoKeys() {
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs(
            "--profile",
            "aws",
            "--aws.region",
            "eu-west-1",
            "--kinesis.starting-position",
            "LATEST");
    Map<String, String> o =
        KinesisSourceOptions.options(c.stream(), c.streaming(), c.aws(), List.of());
    assertThat(o)
        .containsEntry("endpointUrl", "https://kinesis.eu-west-1.amazonaws.com")
        .containsEntry("startingPosition", "latest")
        .doesNotContainKeys("awsAccessKeyId", "awsSecretKey");
  }

  /**
   * spark-sql-kinesis 1.2.0: keys if given, else an STS role if given, else instance metadata alone
   * unless awsUseInstanceProfile=false, which gives DefaultAWSCredentialsProviderChain: the Glue
   * role's credentials through whichever source the workers offer.
   */
  @Test
  void quboleOnAwsUsesTheDefaultCredentialsChain() {
    ClickpulseConfig c = ClickpulseConfig.fromArgs("--profile", "aws");
    Map<String, String> o =
        KinesisSourceOptions.options(c.stream(), c.streaming(), c.aws(), List.of());
    assertThat(o)
        .containsEntry("awsUseInstanceProfile", "false")
        .doesNotContainKeys(
            "awsAccessKeyId", "awsSecretKey", "sessionToken", "awsSTSRoleARN", "awsSTSSessionName");
  }

  @Test
  void awslabsOnAwsGivesNoKeysSoItsDefaultProviderApplies() {
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs("--profile", "aws", "--kinesis.connector", "awslabs");
    Map<String, String> o =
        KinesisSourceOptions.options(c.stream(), c.streaming(), c.aws(), List.of());
    assertThat(o)
        .doesNotContainKeys(
            "kinesis.awsAccessKeyId",
            "kinesis.awsSecretKey",
            "kinesis.sessionToken",
            "kinesis.stsRoleArn",
            "kinesis.stsSessionName");
  }

  @Test
  void quboleAtTimestampIsAPerShardJsonPosition() {
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs(
            "--kinesis.starting-position",
            "AT_TIMESTAMP",
            "--kinesis.starting-timestamp",
            "2026-01-01T00:00:00Z");
    String p =
        KinesisSourceOptions.options(
                c.stream(),
                c.streaming(),
                c.aws(),
                List.of("shardId-000000000000", "shardId-000000000001"))
            .get("startingPosition");
    assertThat(p)
        .isEqualTo(
            "{\"metadata\":{\"streamName\":\"clickstream\",\"batchId\":\"0\"},"
                + "\"shardId-000000000000\":{\"iteratorType\":\"AT_TIMESTAMP\",\"iteratorPosition\":\"1767225600000\"},"
                + "\"shardId-000000000001\":{\"iteratorType\":\"AT_TIMESTAMP\",\"iteratorPosition\":\"1767225600000\"}}");
  }

  @Test
  void awslabsConnectorMapping() {
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs(
            "--kinesis.connector",
            "awslabs",
            "--aws.kinesis.endpoint",
            "http://127.0.0.1:4567",
            "--kinesis.starting-position",
            "AT_TIMESTAMP",
            "--kinesis.starting-timestamp",
            "2026-01-01T00:00:00Z",
            "--kinesis.max-fetch-time",
            "2s");
    assertThat(KinesisSourceOptions.format(c.streaming())).isEqualTo("aws-kinesis");
    Map<String, String> o =
        KinesisSourceOptions.options(c.stream(), c.streaming(), c.aws(), List.of());
    assertThat(o)
        .containsEntry("kinesis.streamName", "clickstream")
        .containsEntry("kinesis.endpointUrl", "http://127.0.0.1:4567")
        .containsEntry("kinesis.region", "us-east-1")
        .containsEntry("kinesis.kinesisRegion", "us-east-1")
        .containsEntry("kinesis.consumerType", "GetRecords")
        .containsEntry("kinesis.startingPosition", "AT_TIMESTAMP 2026-01-01T00:00:00Z")
        .containsEntry("kinesis.maxFetchTimePerShardSec", "10")
        .containsEntry("kinesis.getRecords.numberOfRecordsPerFetch", "10000")
        .containsEntry("kinesis.awsAccessKeyId", "local")
        .containsEntry("kinesis.awsSecretKey", "local");
    assertThat(o.keySet()).allMatch(k -> k.startsWith("kinesis."));
  }

  @Test
  void enhancedFanOutGivesEachQueryAConsumerOfItsOwn() {
    ClickpulseConfig c =
        ClickpulseConfig.fromArgs(
            "--kinesis.connector",
            "awslabs",
            "--kinesis.consumer-type",
            "enhanced-fan-out",
            "--kinesis.consumer-name",
            "shop-analytics");
    for (String query : List.of("main", "demand", "sessions")) {
      assertThat(KinesisSourceOptions.options(c.stream(), c.streaming(), c.aws(), List.of(), query))
          .containsEntry("kinesis.consumerType", "SubscribeToShard")
          .containsEntry("kinesis.consumerName", "shop-analytics-" + query);
    }
    // polling (the default) names no consumer
    ClickpulseConfig polling = ClickpulseConfig.fromArgs("--kinesis.connector", "awslabs");
    assertThat(
            KinesisSourceOptions.options(
                polling.stream(), polling.streaming(), polling.aws(), List.of(), "demand"))
        .containsEntry("kinesis.consumerType", "GetRecords")
        .doesNotContainKey("kinesis.consumerName");
  }

  @Test
  void enhancedFanOutWithTheQuboleSourceFailsAtStartNamingBothKeys() {
    Assertions.assertThatThrownBy(
            () -> ClickpulseConfig.fromArgs("--kinesis.consumer-type", "enhanced-fan-out"))
        .hasMessageContaining("kinesis.consumer-type")
        .hasMessageContaining("kinesis.connector=awslabs");
    Assertions.assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--kinesis.consumer-type", "efo"))
        .hasMessageContaining("polling, enhanced-fan-out");
  }

  @Test
  void atTimestampWithoutTimestampFailsAtStart() {
    Assertions.assertThatThrownBy(
            () -> ClickpulseConfig.fromArgs("--kinesis.starting-position", "AT_TIMESTAMP"))
        .hasMessageContaining("kinesis.starting-timestamp");
  }
}
