package io.clickpulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * alerts.sink=webhook against a real HTTP server on 127.0.0.1 (the JDK's): what it receives, and a
 * receiver that fails, hangs or is not there costing bounded attempts, counted, never thrown.
 */
class WebhookAlertSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> ids = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  /** A receiver on a free loopback port answering {@code status} after {@code delay}. */
  private URI receiver(int status, Duration delay) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/alerts",
        exchange -> {
          requests.incrementAndGet();
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ids.add(exchange.getRequestHeaders().getFirst(WebhookAlertSink.ID_HEADER));
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          try {
            Thread.sleep(delay.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void theReceiverGetsOnePostPerAlertWithItsIdInBodyAndHeader() throws Exception {
    WebhookAlertSink sink =
        new WebhookAlertSink(receiver(204, Duration.ZERO), Duration.ofSeconds(5), 3);
    List<SessionAlert> alerts = Alerts.three();
    assertThat(sink.deliver(alerts)).isEqualTo(new AlertSink.Delivery(3, 0));
    assertThat(bodies).hasSize(3);
    JsonNode first = JSON.readTree(bodies.get(0));
    assertThat(first.get("alert_id").asText()).isEqualTo(alerts.get(0).alertId());
    assertThat(first.get("alert").asText()).isEqualTo("short_session");
    assertThat(first.get("user_id").asText()).isEqualTo("u1");
    assertThat(first.get("session_id").asText()).isEqualTo("sess-u1");
    assertThat(first.get("duration_sec").asLong()).isEqualTo(4);
    assertThat(ids)
        .containsExactly(alerts.stream().map(SessionAlert::alertId).toArray(String[]::new));
    assertThat(contentTypes).containsOnly("application/json");
    // a replayed batch: the same ids again, for the receiver to drop
    sink.deliver(alerts);
    assertThat(ids.subList(3, 6)).isEqualTo(ids.subList(0, 3));
  }

  @Test
  void aFailingReceiverCostsOneAlertsAttemptsAndEveryAlertIsCountedAsFailed() throws Exception {
    WebhookAlertSink sink =
        new WebhookAlertSink(receiver(500, Duration.ZERO), Duration.ofSeconds(5), 2);
    assertThat(sink.deliver(Alerts.three())).isEqualTo(new AlertSink.Delivery(0, 3));
    assertThat(requests.get()).as("the first alert's 2 attempts, then no more tries").isEqualTo(2);
    assertThat(ids).containsOnly(Alerts.three().get(0).alertId());
  }

  @Test
  void aHangingReceiverTimesOutWithinTheBound() throws Exception {
    WebhookAlertSink sink =
        new WebhookAlertSink(receiver(200, Duration.ofSeconds(5)), Duration.ofMillis(300), 2);
    long start = System.nanoTime();
    assertThat(sink.deliver(Alerts.three())).isEqualTo(new AlertSink.Delivery(0, 3));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("2 attempts of 300 ms and a 200 ms backoff, not 3 alerts x 5 s")
        .isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void noReceiverAtAllIsAFailureNotAnException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    WebhookAlertSink sink =
        new WebhookAlertSink(
            URI.create("http://127.0.0.1:" + port + "/alerts"), Duration.ofSeconds(2), 1);
    assertThat(sink.deliver(Alerts.three())).isEqualTo(new AlertSink.Delivery(0, 3));
  }

  @Test
  void theFirstAlertsDeliveredBeforeAFailureStayCounted() throws Exception {
    URI url = receiver(200, Duration.ZERO);
    WebhookAlertSink sink = new WebhookAlertSink(url, Duration.ofSeconds(5), 1);
    assertThat(sink.deliver(Alerts.three().subList(0, 2))).isEqualTo(new AlertSink.Delivery(2, 0));
    server.stop(0);
    server = null;
    assertThat(sink.deliver(Alerts.three())).isEqualTo(new AlertSink.Delivery(0, 3));
  }
}
