package io.clickpulse.athena;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.AwsConfig;
import io.clickpulse.config.BatchConfig;
import io.clickpulse.config.ConfigException;
import java.net.URI;

/**
 * Where views are created and queries run: Amazon Athena on AWS, or Trino (Athena's engine)
 * locally. Statements run in clickpulse's catalog and database, so the DDL names tables
 * unqualified.
 */
public interface SqlEngine extends AutoCloseable {
  /**
   * Runs one statement and waits for its result; a failed statement throws with the engine's
   * message.
   */
  QueryResult execute(String sql);

  @Override
  void close();

  static SqlEngine from(BatchConfig b, AwsConfig aws) {
    return switch (b.athenaEngine()) {
      case TRINO -> {
        String uri =
            b.trinoUri()
                .orElseThrow(
                    () ->
                        new ConfigException(
                            "config key 'athena.trino-uri' is required with athena.engine=trino: start the local stack (./clickpulse stack up)"));
        yield new TrinoEngine(URI.create(uri), b.athenaCatalog(), b.database(), b.athenaTimeout());
      }
      case ATHENA -> {
        String output =
            b.outputLocation()
                .orElseThrow(
                    () ->
                        new ConfigException(
                            "config key 'athena.output-location' is required with athena.engine=athena (e.g. s3://<bucket>/athena-results/)"));
        yield new AthenaApiEngine(
            new AwsClients(aws).athena(),
            b.athenaCatalog(),
            b.database(),
            b.workgroup(),
            output,
            b.athenaTimeout());
      }
    };
  }
}
