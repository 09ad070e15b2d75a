package io.clickpulse.dev.collect;

import com.sun.net.httpserver.HttpServer;
import io.clickpulse.dev.local.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local HTTP collector: POST /events into Kinesis on one loopback port, the tracker and demo
 * shop on another (a second origin, as a shop's pages and its collector are). The JDK's own HTTP
 * server (com.sun.net.httpserver): a real HTTP/1.1 implementation with keep-alive and chunked
 * bodies that is in every JDK, so the local stack needs no new dependency; at a few thousand
 * events/s the work is Kinesis', not the server's.
 */
public final class Collector implements AutoCloseable {
  static {
    // the JDK server's only switch for TCP_NODELAY, read once when it first starts: without it a
    // small answer waits for Nagle and delayed ACKs, 40 ms a request (single-event requests went
    // from 149 to 584 per second in the benchmark)
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer events;
  private final HttpServer shop;
  private final ExecutorService eventThreads;
  private final ExecutorService shopThreads;
  private final KinesisBatcher batcher;
  private final CollectorStats stats = new CollectorStats();

  private Collector(CollectorConfig config, StreamPut api, String stream, Path staticDir) {
    batcher =
        new KinesisBatcher(
            api,
            stream,
            config.senders(),
            config.linger(),
            config.maxCallEntries(),
            config.maxAttempts(),
            config.retryBackoff());
    try {
      InetAddress loopback = InetAddress.getByName(FreePort.LOOPBACK);
      events = HttpServer.create(new InetSocketAddress(loopback, config.port()), 512);
      shop = HttpServer.create(new InetSocketAddress(loopback, config.shopPort()), 64);
    } catch (IOException e) {
      batcher.close();
      throw new UncheckedIOException("cannot bind the collector on " + FreePort.LOOPBACK, e);
    }
    events.createContext(
        EventsHandler.PATH,
        new EventsHandler(
            config.limits(),
            new CorsPolicy(config.allowedOrigins()),
            batcher,
            config.responseTimeout(),
            config.retryAfter(),
            stats));
    events.createContext(
        "/health",
        x -> {
          try (x) {
            byte[] ok =
                ("{\"status\":\"ok\",\"stream\":\"" + stream + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(200, ok.length);
            x.getResponseBody().write(ok);
          }
        });
    eventThreads = Executors.newFixedThreadPool(config.threads());
    events.setExecutor(eventThreads);
    shop.createContext("/", new StaticFiles(staticDir, eventsEndpoint()));
    shopThreads = Executors.newFixedThreadPool(4);
    shop.setExecutor(shopThreads);
    events.start();
    shop.start();
  }

  /** Starts both servers; {@code staticDir} is resolved by the caller (the project's tracker/). */
  public static Collector start(
      CollectorConfig config, StreamPut api, String stream, Path staticDir) {
    return new Collector(config, api, stream, staticDir);
  }

  public URI eventsEndpoint() {
    return URI.create(
        "http://" + FreePort.LOOPBACK + ":" + events.getAddress().getPort() + EventsHandler.PATH);
  }

  public URI shopEndpoint() {
    return URI.create("http://" + FreePort.LOOPBACK + ":" + shop.getAddress().getPort() + "/");
  }

  public CollectorStats stats() {
    return stats;
  }

  public KinesisBatcher batcher() {
    return batcher;
  }

  /** Stops taking requests, lets those in flight finish (a second at most), then the senders. */
  @Override
  public void close() {
    shop.stop(0);
    events.stop(1);
    eventThreads.shutdownNow();
    shopThreads.shutdownNow();
    batcher.close();
  }
}
