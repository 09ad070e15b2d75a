package io.clickpulse.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * alerts.sink=webhook: one HTTP POST per alert, its JSON object as the body and its id also in the
 * {@value #ID_HEADER} header. Any 2xx answer is a delivery; anything else, a timeout or a refused
 * connection is a failed attempt.
 */
public final class WebhookAlertSink implements AlertSink {
  public static final String ID_HEADER = "X-Clickpulse-Alert-Id";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final Duration timeout;
  private final int maxAttempts;
  private final HttpClient http;

  public WebhookAlertSink(URI url, Duration timeout, int maxAttempts) {
    this.url = url;
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Delivery deliver(List<SessionAlert> alerts) {
    return OneByOne.deliver(url.toString(), alerts, maxAttempts, this::post);
  }

  private void post(SessionAlert alert) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(ID_HEADER, alert.alertId())
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(alert.toMap())))
            .build();
    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("answered " + response.statusCode());
    }
  }
}
