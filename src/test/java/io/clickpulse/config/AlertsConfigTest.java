package io.clickpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The alerts.* keys: each sink's required key, URL and ARN checks, the loopback rule. */
class AlertsConfigTest {
  @Test
  void theLocalProfileWritesJsonLinesAndTheDefaultsDeliverNothing() {
    AlertsConfig local = ClickpulseConfig.fromArgs().alerts();
    assertThat(local.sink()).isEqualTo(AlertsConfig.Sink.JSONL);
    assertThat(local.file()).isEqualTo("target/session-alerts.jsonl");
    assertThat(local.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(local.maxAttempts()).isEqualTo(3);
    assertThat(ClickpulseConfig.fromArgs("--profile", "aws").alerts().sink())
        .isEqualTo(AlertsConfig.Sink.NONE);
  }

  @Test
  void aWebhookOnThisMachineIsTakenAndAnotherHostIsRefusedLocally() {
    assertThat(
            ClickpulseConfig.fromArgs(
                    "--alerts.sink", "webhook", "--alerts.webhook-url", "http://127.0.0.1:9/a")
                .alerts()
                .webhookUrl())
        .contains(URI.create("http://127.0.0.1:9/a"));
    assertThat(
            ClickpulseConfig.fromArgs(
                    "--alerts.sink", "webhook", "--alerts.webhook-url", "http://localhost:9/a")
                .alerts()
                .webhookUrl())
        .isPresent();
    assertThatThrownBy(
            () ->
                ClickpulseConfig.fromArgs(
                    "--alerts.sink",
                    "webhook",
                    "--alerts.webhook-url",
                    "https://hooks.example.com/x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'alerts.webhook-url'")
        .hasMessageContaining("a loopback URL")
        .hasMessageContaining("'https://hooks.example.com/x'");
    assertThat(
            ClickpulseConfig.fromArgs(
                    "--profile",
                    "aws",
                    "--alerts.sink",
                    "webhook",
                    "--alerts.webhook-url",
                    "https://hooks.example.com/x")
                .alerts()
                .webhookUrl())
        .as("the aws profile lets a webhook be anywhere")
        .contains(URI.create("https://hooks.example.com/x"));
  }

  @Test
  void aWebhookSinkNeedsAnHttpUrl() {
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--alerts.sink", "webhook"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'alerts.webhook-url' is required with alerts.sink=webhook");
    assertThatThrownBy(
            () ->
                ClickpulseConfig.fromArgs(
                    "--alerts.sink", "webhook", "--alerts.webhook-url", "ftp://127.0.0.1/x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("an http(s) URL");
    assertThatThrownBy(
            () ->
                ClickpulseConfig.fromArgs(
                    "--alerts.sink", "webhook", "--alerts.webhook-url", "not a url"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'alerts.webhook-url'");
  }

  @Test
  void anSnsSinkNeedsATopicArn() {
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--alerts.sink", "sns"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'alerts.sns-topic-arn' is required with alerts.sink=sns");
    assertThatThrownBy(
            () ->
                ClickpulseConfig.fromArgs(
                    "--alerts.sink", "sns", "--alerts.sns-topic-arn", "shop-session-alerts"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("an SNS topic ARN");
    assertThat(
            ClickpulseConfig.fromArgs(
                    "--alerts.sink",
                    "SNS",
                    "--alerts.sns-topic-arn",
                    "arn:aws:sns:eu-west-1:123456789012:shop-session-alerts")
                .alerts()
                .snsTopicArn())
        .contains("arn:aws:sns:eu-west-1:123456789012:shop-session-alerts");
  }

  @Test
  void attemptsAndTimeoutAreBounded() {
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--alerts.max-attempts", "0"))
        .hasMessageContaining("'alerts.max-attempts'");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--alerts.max-attempts", "11"))
        .hasMessageContaining("'alerts.max-attempts'");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--alerts.timeout", "0s"))
        .hasMessageContaining("'alerts.timeout'");
    assertThatThrownBy(
            () -> ClickpulseConfig.fromArgs("--alerts.sink", "jsonl", "--alerts.file", ""))
        .hasMessageContaining("'alerts.file' is required");
  }
}
