package io.clickpulse.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/** Metrics as CloudWatch PutMetricData in one namespace, with the job as dimension. */
public final class CloudWatchMetrics implements MetricsSink {
  /** PutMetricData takes at most 1000 data points per request. */
  private static final int MAX_DATA = 1000;

  private final CloudWatchClient cloudWatch;
  private final String namespace;

  public CloudWatchMetrics(CloudWatchClient cloudWatch, String namespace) {
    this.cloudWatch = cloudWatch;
    this.namespace = namespace;
  }

  @Override
  public void publish(String job, long batchId, Instant at, Map<String, Double> values) {
    List<MetricDatum> data = new ArrayList<>();
    values.forEach(
        (name, value) ->
            data.add(
                MetricDatum.builder()
                    .metricName(name)
                    .value(value)
                    .timestamp(at)
                    .dimensions(Dimension.builder().name("Job").value(job).build())
                    .build()));
    for (int i = 0; i < data.size(); i += MAX_DATA) {
      List<MetricDatum> chunk = data.subList(i, Math.min(data.size(), i + MAX_DATA));
      cloudWatch.putMetricData(b -> b.namespace(namespace).metricData(chunk));
    }
  }

  @Override
  public void close() {
    cloudWatch.close();
  }
}
