package io.clickpulse.dev.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.event.EventName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scripted visit of the demo shop in headless Chromium (Debian's {@code chromium}), driven
 * through the DevTools protocol with real mouse clicks: the home page as a logged-in user, a
 * search, a product page scrolled to the end, add to cart, the cart, buy, then away from the shop.
 * Returns the pixel events the tracker should have sent, in order.
 */
public final class ShopVisit {
  /** One event the visit causes: its name and product (null for none). */
  public record Expected(String eventName, Long productId) {}

  /** The first product of the shop's list (tracker/shop/shop.js): the one the visit buys. */
  public static final long PRODUCT_ID = 100001L;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

  private ShopVisit() {}

  /**
   * Visits {@code shop} (the shop's base URI, ending in /shop/) as {@code userId}; {@code profile}
   * is a fresh Chromium profile folder.
   */
  public static List<Expected> run(URI shop, String userId, Path profile) {
    Process chromium = start(profile);
    try (DevTools page = DevTools.connect(pageTarget(awaitListening(chromium)))) {
      page.call("Page.enable", Map.of());
      List<Expected> expected = new ArrayList<>();
      open(page, shop.resolve("index.html?user=" + userId));
      expected.add(new Expected("PageView", null));
      // search: type into the box, click the button
      page.evaluate("document.getElementById('q').value = 'trail'");
      click(page, "#search");
      awaitPage(page, "q=trail");
      expected.add(new Expected("PageView", null));
      expected.add(new Expected(EventName.SEARCH, null));
      click(page, "a.product[data-id='" + PRODUCT_ID + "']");
      awaitPage(page, "product.html");
      expected.add(new Expected("PageView", null));
      page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)");
      page.evaluate("new Promise(r => setTimeout(r, 300))"); // the scroll listener runs
      click(page, "#add-to-cart");
      awaitText(page, "#added", "added");
      expected.add(new Expected(EventName.ADD_TO_CART, PRODUCT_ID));
      click(page, "#to-cart");
      awaitPage(page, "cart.html");
      expected.add(new Expected(EventName.VIEW_CONTENT, PRODUCT_ID)); // sent on leaving
      expected.add(new Expected("PageView", null));
      click(page, "#buy");
      awaitText(page, "#thanks", "Thank you");
      expected.add(new Expected(EventName.PURCHASE, PRODUCT_ID));
      // leave the shop: pagehide sends what is still queued by beacon
      page.call("Page.navigate", Map.of("url", "about:blank"));
      page.evaluate("new Promise(r => setTimeout(r, 1000))");
      return expected;
    } finally {
      chromium.destroy();
      try {
        if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
          chromium.destroyForcibly();
        }
      } catch (InterruptedException e) {
        chromium.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Process start(Path profile) {
    List<String> cmd =
        List.of(
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            "--remote-allow-origins=*",
            "--window-size=1200,800",
            "--user-data-dir=" + profile.toAbsolutePath(),
            "about:blank");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("TZ", "UTC");
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start chromium (Debian: apt-get install chromium; ./clickpulse setup does)", e);
    }
  }

  /** The browser's DevTools port, from its first lines on stderr (then stderr is drained). */
  private static int awaitListening(Process chromium) {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(chromium.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(URI.create(m.group(1)).getPort());
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException("chromium exited"));
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      return port.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("chromium did not open its DevTools port: " + e, e);
    }
  }

  private static URI pageTarget(int port) {
    try {
      String list =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (JsonNode t : JSON.readTree(list)) {
        if (t.path("type").asText().equals("page")) {
          return URI.create(t.path("webSocketDebuggerUrl").asText());
        }
      }
      throw new IllegalStateException("chromium has no page target: " + list);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void open(DevTools page, URI url) {
    page.call("Page.navigate", Map.of("url", url.toString()));
    awaitPage(page, url.getPath());
  }

  /** Waits until the page's URL contains {@code part} and it has loaded with the tracker. */
  private static void awaitPage(DevTools page, String part) {
    long deadline = System.nanoTime() + PAGE_TIMEOUT.toNanos();
    String state = "";
    while (System.nanoTime() < deadline) {
      try {
        state =
            page.evaluate("location.href + ' ' + document.readyState + ' ' + (typeof clickpulse)")
                .asText();
        if (state.contains(part) && state.endsWith("complete object")) {
          return;
        }
      } catch (IllegalStateException e) {
        // the page navigated while the script ran: try again
      }
      sleep(100);
    }
    throw new IllegalStateException("page " + part + " did not load; last state: " + state);
  }

  private static void awaitText(DevTools page, String selector, String text) {
    long deadline = System.nanoTime() + PAGE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (page.evaluate("document.querySelector(\"" + selector + "\").textContent")
          .asText()
          .contains(text)) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException(selector + " never showed '" + text + "'");
  }

  /** A real mouse click at the middle of the element, scrolled into view first. */
  private static void click(DevTools page, String selector) {
    JsonNode at =
        page.evaluate(
            "(() => { const e = document.querySelector(\""
                + selector
                + "\"); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
    for (String type : List.of("mousePressed", "mouseReleased")) {
      page.call(
          "Input.dispatchMouseEvent",
          Map.of(
              "type",
              type,
              "x",
              at.get("x").asDouble(),
              "y",
              at.get("y").asDouble(),
              "button",
              "left",
              "clickCount",
              1));
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
