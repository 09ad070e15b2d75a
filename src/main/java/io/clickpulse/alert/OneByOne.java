package io.clickpulse.alert;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts one at a time with bounded attempts and a short backoff. Once an alert has failed
 * every attempt, the batch's remaining alerts are counted as failed without trying: a receiver that
 * is down costs one alert's attempts, not one per alert, so the stream is never held long.
 */
final class OneByOne {
  private static final Logger LOG = LoggerFactory.getLogger(OneByOne.class);
  private static final Duration BACKOFF = Duration.ofMillis(200);

  /** Sends one alert; throws on failure (any exception counts as a failed attempt). */
  interface Send {
    void send(SessionAlert alert) throws Exception;
  }

  private OneByOne() {}

  static AlertSink.Delivery deliver(
      String receiver, List<SessionAlert> alerts, int maxAttempts, Send send) {
    int delivered = 0;
    for (int i = 0; i < alerts.size(); i++) {
      SessionAlert alert = alerts.get(i);
      Exception last = null;
      for (int attempt = 1; attempt <= maxAttempts; attempt++) {
        try {
          send.send(alert);
          last = null;
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          last = e;
          break;
        } catch (Exception e) {
          last = e;
          if (attempt < maxAttempts && !sleep(BACKOFF.multipliedBy(attempt))) {
            break;
          }
        }
      }
      if (last != null) {
        int failed = alerts.size() - delivered;
        LOG.warn(
            "alert {} not delivered to {} after {} attempts ({}); {} alerts of this batch not"
                + " delivered",
            alert.alertId(),
            receiver,
            maxAttempts,
            last.toString(),
            failed);
        return new AlertSink.Delivery(delivered, failed);
      }
      delivered++;
    }
    return new AlertSink.Delivery(delivered, 0);
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
