package io.clickpulse.dev.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Chrome DevTools Protocol on one page target, over the JDK's WebSocket client: a command and
 * its result; events are not listened to (the visit polls the page instead).
 */
final class DevTools implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private DevTools(WebSocket socket) {
    this.socket = socket;
  }

  static DevTools connect(URI webSocketUrl) {
    DevTools[] self = new DevTools[1];
    StringBuilder partial = new StringBuilder();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(
                webSocketUrl,
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      String message = partial.toString();
                      partial.setLength(0);
                      self[0].receive(message);
                    }
                    w.request(1);
                    return null;
                  }
                })
            .join();
    self[0] = new DevTools(ws);
    return self[0];
  }

  private void receive(String message) {
    try {
      JsonNode m = JSON.readTree(message);
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          if (m.has("error")) {
            f.completeExceptionally(new IllegalStateException("DevTools: " + m.get("error")));
          } else {
            f.complete(m.get("result"));
          }
        }
      }
    } catch (Exception e) {
      // a message that is not JSON: nothing waits for it
    }
  }

  JsonNode call(String method, Map<String, Object> params) {
    int id = ids.incrementAndGet();
    ObjectNode m = JSON.createObjectNode();
    m.put("id", id);
    m.put("method", method);
    m.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    socket.sendText(m.toString(), true).join();
    try {
      return f.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("DevTools " + method + " failed: " + e, e);
    }
  }

  /** A script's value in the page, returned by value (JSON-able). */
  JsonNode evaluate(String expression) {
    JsonNode r =
        call(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException(
          "script failed in the page: " + expression + ": " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
  }
}
