package io.clickpulse.config;

import java.net.URI;
import java.util.Optional;

/** Where the AWS services are and how to sign requests. Empty endpoints mean real AWS. */
public record AwsConfig(
    String region,
    Optional<URI> kinesisEndpoint,
    Optional<URI> dynamodbEndpoint,
    Optional<URI> s3Endpoint,
    Optional<URI> snsEndpoint,
    Optional<StaticCredentials> staticCredentials) {

  /** Keys for emulators; never used against AWS, where the default credentials chain applies. */
  public record StaticCredentials(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "StaticCredentials[" + accessKeyId + ", ****]";
    }
  }

  public static AwsConfig from(Settings s) {
    Optional<String> key = s.optional("aws.access-key-id");
    Optional<String> secret = s.optional("aws.secret-access-key");
    if (key.isPresent() != secret.isPresent()) {
      throw new ConfigException(
          "config keys 'aws.access-key-id' and 'aws.secret-access-key' must be set together");
    }
    String region = s.string("aws.region");
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      throw ConfigException.badValue(
          "aws.region", region, "an AWS region such as us-east-1", s.source("aws.region"));
    }
    return new AwsConfig(
        region,
        s.optionalEndpoint("aws.kinesis.endpoint"),
        s.optionalEndpoint("aws.dynamodb.endpoint"),
        s.optionalEndpoint("aws.s3.endpoint"),
        s.optionalEndpoint("aws.sns.endpoint"),
        key.map(k -> new StaticCredentials(k, secret.get())));
  }
}
