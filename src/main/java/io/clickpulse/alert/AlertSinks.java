package io.clickpulse.alert;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.AlertsConfig;
import io.clickpulse.config.AwsConfig;
import java.nio.file.Path;

/** The alert sink the config asks for (alerts.sink). */
public final class AlertSinks {
  private AlertSinks() {}

  public static AlertSink from(AlertsConfig a, AwsConfig aws) {
    return switch (a.sink()) {
      case NONE -> AlertSink.NONE;
      case JSONL -> new JsonLinesAlertSink(Path.of(a.file()));
      case WEBHOOK ->
          new WebhookAlertSink(a.webhookUrl().orElseThrow(), a.timeout(), a.maxAttempts());
      case SNS ->
          new SnsAlertSink(
              AwsClients.withShortTimeouts(aws, a.timeout()).sns(),
              a.snsTopicArn().orElseThrow(),
              a.maxAttempts());
    };
  }
}
