package io.clickpulse.aws;

import io.clickpulse.config.AwsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds AWS SDK v2 clients from {@link AwsConfig}: the one place endpoints and credentials are
 * applied.
 */
public final class AwsClients {
  private final AwsConfig config;
  private final Duration callTimeout;
  private final Duration attemptTimeout;
  private final Duration connectTimeout;

  public AwsClients(AwsConfig config) {
    this(config, Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(5));
  }

  private AwsClients(
      AwsConfig config, Duration callTimeout, Duration attemptTimeout, Duration connectTimeout) {
    this.config = config;
    this.callTimeout = callTimeout;
    this.attemptTimeout = attemptTimeout;
    this.connectTimeout = connectTimeout;
  }

  /**
   * Clients whose calls give up after {@code callTimeout} in all (retries included), each attempt
   * and connection after at most half of it: for start-up checks, which must fail fast.
   */
  public static AwsClients withShortTimeouts(AwsConfig config, Duration callTimeout) {
    Duration half = callTimeout.dividedBy(2);
    return new AwsClients(
        config,
        callTimeout,
        half,
        half.compareTo(Duration.ofSeconds(2)) < 0 ? half : Duration.ofSeconds(2));
  }

  public KinesisClient kinesis() {
    return configure(KinesisClient.builder(), config.kinesisEndpoint()).build();
  }

  public DynamoDbClient dynamoDb() {
    return configure(DynamoDbClient.builder(), config.dynamodbEndpoint()).build();
  }

  public DynamoDbStreamsClient dynamoDbStreams() {
    return configure(DynamoDbStreamsClient.builder(), config.dynamodbEndpoint()).build();
  }

  /**
   * CloudWatch has no local stand-in: the local profile publishes metrics as JSON lines instead.
   */
  public CloudWatchClient cloudWatch() {
    return configure(CloudWatchClient.builder(), Optional.empty()).build();
  }

  /**
   * Athena has no local stand-in: the local profile sends SQL to Trino instead
   * (athena.engine=trino).
   */
  public AthenaClient athena() {
    return configure(AthenaClient.builder(), Optional.empty()).build();
  }

  /** The session alerts topic (alerts.sink=sns); aws.sns.endpoint for a stand-in such as moto. */
  public SnsClient sns() {
    return configure(SnsClient.builder(), config.snsEndpoint()).build();
  }

  public S3Client s3() {
    // path-style: emulators (and dotted bucket names) cannot do virtual-host addressing
    return configure(S3Client.builder(), config.s3Endpoint())
        .forcePathStyle(config.s3Endpoint().isPresent())
        .build();
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Optional<URI> endpoint) {
    builder.region(Region.of(config.region())).credentialsProvider(credentials());
    endpoint.ifPresent(builder::endpointOverride);
    builder.overrideConfiguration(
        ClientOverrideConfiguration.builder()
            .apiCallTimeout(callTimeout)
            .apiCallAttemptTimeout(attemptTimeout)
            .build());
    if (builder instanceof AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClientBuilder(
          UrlConnectionHttpClient.builder()
              .connectionTimeout(connectTimeout)
              .socketTimeout(Duration.ofSeconds(30)));
    }
    return builder;
  }

  public AwsCredentialsProvider credentials() {
    return config
        .staticCredentials()
        .<AwsCredentialsProvider>map(
            c ->
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .orElseGet(DefaultCredentialsProvider::create);
  }
}
