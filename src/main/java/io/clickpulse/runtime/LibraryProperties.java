package io.clickpulse.runtime;

import io.clickpulse.config.ClickpulseConfig;

/**
 * The only place clickpulse sets JVM system properties, because two libraries read their settings
 * nowhere else: spark-dynamodb takes its endpoint (and, through the AWS SDK v1 chain, emulator
 * keys) from system properties, and the qubole Kinesis source's shaded SDK v1 must not use CBOR
 * against the emulator; nor may the AWS SDK v2 (kinesalite cuts CBOR answers off after 16 KB, e.g.
 * a PutRecords of 500 entries, and JSON costs the emulators nothing). On AWS (no endpoints, no
 * static keys) only the CBOR switch is left alone and nothing is set.
 */
public final class LibraryProperties {
  private LibraryProperties() {}

  public static synchronized void apply(ClickpulseConfig config) {
    config
        .aws()
        .dynamodbEndpoint()
        .ifPresent(e -> System.setProperty("aws.dynamodb.endpoint", e.toString()));
    config
        .aws()
        .kinesisEndpoint()
        .ifPresent(
            e -> {
              System.setProperty(
                  "org.apache.spark.sql.kinesis.shaded.amazonaws.sdk.disableCbor", "true");
              System.setProperty("aws.cborEnabled", "false");
            });
    config
        .aws()
        .staticCredentials()
        .ifPresent(
            c -> {
              System.setProperty("aws.accessKeyId", c.accessKeyId());
              System.setProperty("aws.secretKey", c.secretAccessKey());
            });
  }
}
