package io.clickpulse.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where short-session alerts are delivered once a sessions batch has written its files (alerts.*
 * keys): nowhere, a JSON-lines file, an HTTP webhook, or an SNS topic.
 */
public record AlertsConfig(
    Sink sink,
    String file,
    Optional<URI> webhookUrl,
    Optional<String> snsTopicArn,
    Duration timeout,
    int maxAttempts) {

  /** The alert sink (alerts.sink). */
  public enum Sink {
    NONE,
    JSONL,
    WEBHOOK,
    SNS
  }

  public static AlertsConfig from(Settings s) {
    Sink sink = s.mode("alerts.sink", Sink.class);
    Optional<URI> webhook = s.optionalEndpoint("alerts.webhook-url");
    boolean loopbackOnly = s.bool("alerts.webhook-loopback-only");
    if (webhook.isPresent() && loopbackOnly && !isLoopback(webhook.get().getHost())) {
      throw ConfigException.badValue(
          "alerts.webhook-url",
          s.rawValue("alerts.webhook-url"),
          "a loopback URL such as http://127.0.0.1:8080/alerts (alerts.webhook-loopback-only=true)",
          s.source("alerts.webhook-url"));
    }
    if (sink == Sink.WEBHOOK && webhook.isEmpty()) {
      throw new ConfigException(
          "config key 'alerts.webhook-url' is required with alerts.sink=webhook (from "
              + s.source("alerts.webhook-url")
              + ": empty)");
    }
    Optional<String> topic = s.optional("alerts.sns-topic-arn");
    if (topic.isPresent()
        && !topic.get().matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[\\w-]+")) {
      throw ConfigException.badValue(
          "alerts.sns-topic-arn",
          topic.get(),
          "an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:shop-session-alerts",
          s.source("alerts.sns-topic-arn"));
    }
    if (sink == Sink.SNS && topic.isEmpty()) {
      throw new ConfigException(
          "config key 'alerts.sns-topic-arn' is required with alerts.sink=sns (from "
              + s.source("alerts.sns-topic-arn")
              + ": empty)");
    }
    if (sink == Sink.JSONL) {
      s.string("alerts.file");
    }
    return new AlertsConfig(
        sink,
        s.optional("alerts.file").orElse(""),
        webhook,
        topic,
        s.positiveDuration("alerts.timeout"),
        s.intIn("alerts.max-attempts", 1, 10));
  }

  /** A literal loopback address or localhost; no name is looked up. */
  static boolean isLoopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
