package io.clickpulse.metrics;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.AwsConfig;
import io.clickpulse.config.SessionsConfig;
import java.nio.file.Path;

/** The metrics sink the config asks for (sessions.metrics). */
public final class MetricsSinks {
  private MetricsSinks() {}

  public static MetricsSink from(SessionsConfig s, AwsConfig aws) {
    return switch (s.metrics()) {
      case LOCAL -> new JsonLinesMetrics(Path.of(s.metricsFile()));
      case CLOUDWATCH ->
          new CloudWatchMetrics(new AwsClients(aws).cloudWatch(), s.metricsNamespace());
    };
  }
}
