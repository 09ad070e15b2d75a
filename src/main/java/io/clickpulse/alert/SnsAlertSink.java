package io.clickpulse.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * alerts.sink=sns: one Publish per alert to the topic, the alert's JSON object as the message, its
 * id and kind as message attributes (for subscription filter policies).
 */
public final class SnsAlertSink implements AlertSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SnsClient sns;
  private final String topicArn;
  private final int maxAttempts;

  public SnsAlertSink(SnsClient sns, String topicArn, int maxAttempts) {
    this.sns = sns;
    this.topicArn = topicArn;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public Delivery deliver(List<SessionAlert> alerts) {
    return OneByOne.deliver(topicArn, alerts, maxAttempts, this::publish);
  }

  private void publish(SessionAlert alert) throws Exception {
    String message = JSON.writeValueAsString(alert.toMap());
    sns.publish(
        b ->
            b.topicArn(topicArn)
                .subject("clickpulse short-session alert")
                .message(message)
                .messageAttributes(
                    Map.of(
                        "alert_id", text(alert.alertId()),
                        "alert", text(alert.kind()),
                        "mode", text(alert.mode()))));
  }

  private static MessageAttributeValue text(String v) {
    return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
  }

  @Override
  public void close() {
    sns.close();
  }
}
