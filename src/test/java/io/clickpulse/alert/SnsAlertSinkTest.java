package io.clickpulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.AlertsConfig;
import io.clickpulse.config.ClickpulseConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * alerts.sink=sns on a moto server (127.0.0.1, a free port): the alerts published to a topic reach
 * an SQS queue subscribed to it, with their ids; a topic that does not exist is a counted failure.
 */
class SnsAlertSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Process moto;
  private static URI endpoint;
  private static SqsClient sqs;

  @BeforeAll
  static void startMoto() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = Path.of("target/moto-alerts-" + port + ".log");
    moto =
        new ProcessBuilder(
                "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    endpoint = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        break;
      } catch (IOException e) {
        if (System.nanoTime() > deadline || !moto.isAlive()) {
          throw new IllegalStateException("moto server did not start; see " + log, e);
        }
        Thread.sleep(200);
      }
    }
    sqs =
        SqsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  @AfterAll
  static void stopMoto() throws InterruptedException {
    if (sqs != null) {
      sqs.close();
    }
    if (moto != null) {
      moto.destroy();
      moto.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The job's config for alerts to {@code topicArn} on the moto server. */
  private static ClickpulseConfig config(String topicArn) {
    return ClickpulseConfig.fromArgs(
        "--aws.sns.endpoint",
        endpoint.toString(),
        "--alerts.sink",
        "sns",
        "--alerts.sns-topic-arn",
        topicArn,
        "--alerts.timeout",
        "5s");
  }

  @Test
  void publishedAlertsReachAQueueSubscribedToTheTopic() throws Exception {
    ClickpulseConfig c = config("arn:aws:sns:us-east-1:123456789012:shop-session-alerts");
    String topicArn;
    try (SnsClient sns = new AwsClients(c.aws()).sns()) {
      topicArn = sns.createTopic(b -> b.name("shop-session-alerts")).topicArn();
      String queueUrl = sqs.createQueue(b -> b.queueName("session-alerts")).queueUrl();
      String queueArn =
          sqs.getQueueAttributes(
                  b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
              .attributes()
              .get(QueueAttributeName.QUEUE_ARN);
      sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));

      List<SessionAlert> alerts = Alerts.three();
      AlertsConfig a = config(topicArn).alerts();
      try (AlertSink sink = AlertSinks.from(a, c.aws())) {
        assertThat(sink).isInstanceOf(SnsAlertSink.class);
        assertThat(sink.deliver(alerts)).isEqualTo(new AlertSink.Delivery(3, 0));
      }

      List<JsonNode> received = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (received.size() < 3 && System.nanoTime() < deadline) {
        for (Message m :
            sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()) {
          JsonNode envelope = JSON.readTree(m.body()); // SNS's notification, the alert inside
          assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
          assertThat(envelope.get("MessageAttributes").get("alert_id").get("Value").asText())
              .isEqualTo(JSON.readTree(envelope.get("Message").asText()).get("alert_id").asText());
          received.add(JSON.readTree(envelope.get("Message").asText()));
        }
      }
      assertThat(received.stream().map(r -> r.get("alert_id").asText()))
          .containsExactlyInAnyOrder(
              alerts.stream().map(SessionAlert::alertId).toArray(String[]::new));
      assertThat(received.stream().map(r -> r.get("user_id").asText()))
          .containsExactlyInAnyOrder("u1", "u2", "u3");
    }
  }

  @Test
  void aTopicThatDoesNotExistIsACountedFailure() {
    ClickpulseConfig c = config("arn:aws:sns:us-east-1:123456789012:no-such-topic");
    try (AlertSink sink = AlertSinks.from(c.alerts(), c.aws())) {
      assertThat(sink.deliver(Alerts.three())).isEqualTo(new AlertSink.Delivery(0, 3));
    }
  }
}
