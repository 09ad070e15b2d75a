package io.clickpulse.dev.collect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The tracker and the demo shop (collector.static-dir), GET only, on their own origin; plus {@code
 * /clickpulse-config.js}, which tells the pages where the collector takes events.
 */
final class StaticFiles implements HttpHandler {
  static final String CONFIG_SCRIPT = "/clickpulse-config.js";
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json",
          "svg", "image/svg+xml",
          "png", "image/png",
          "txt", "text/plain; charset=utf-8");

  private final Path root;
  private final URI eventsEndpoint;

  StaticFiles(Path root, URI eventsEndpoint) {
    this.root = root.toAbsolutePath().normalize();
    this.eventsEndpoint = eventsEndpoint;
  }

  @Override
  public void handle(HttpExchange x) throws IOException {
    try (x) {
      if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
        x.getResponseHeaders().set("Allow", "GET, HEAD");
        send(x, 405, "text/plain", "GET only\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String path = x.getRequestURI().getPath();
      if (path.equals("/")) {
        x.getResponseHeaders().set("Location", "/shop/");
        x.sendResponseHeaders(302, -1);
        return;
      }
      if (path.equals(CONFIG_SCRIPT)) {
        String js = "window.CLICKPULSE_ENDPOINT = \"" + eventsEndpoint + "\";\n";
        send(x, 200, TYPES.get("js"), js.getBytes(StandardCharsets.UTF_8));
        return;
      }
      Path file = root.resolve(path.substring(1)).normalize();
      if (file.startsWith(root) && Files.isDirectory(file)) {
        file = file.resolve("index.html");
      }
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        send(x, 404, "text/plain", ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
        return;
      }
      String name = file.getFileName().toString();
      String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      send(x, 200, TYPES.getOrDefault(ext, "application/octet-stream"), Files.readAllBytes(file));
    }
  }

  private static void send(HttpExchange x, int status, String type, byte[] body)
      throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    x.getResponseHeaders().set("Cache-Control", "no-cache");
    boolean head = x.getRequestMethod().equals("HEAD");
    x.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      x.getResponseBody().write(body);
    }
  }
}
