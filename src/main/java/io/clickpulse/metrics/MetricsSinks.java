package io.clickpulse.metrics;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import java.nio.file.Path;

/** The metrics sink the config asks for (sessions.metrics). */
public final class MetricsSinks {
  private MetricsSinks() {}

  public static MetricsSink from(ClickpulseConfig config) {
    var s = config.sessions();
    return s.metrics().equals("local")
        ? new JsonLinesMetrics(Path.of(s.metricsFile()))
        : new CloudWatchMetrics(new AwsClients(config.aws()).cloudWatch(), s.metricsNamespace());
  }
}
