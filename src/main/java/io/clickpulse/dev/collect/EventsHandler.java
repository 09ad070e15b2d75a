package io.clickpulse.dev.collect;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POST /events (README "HTTP ingest"): the body split into events, each forwarded unchanged to
 * Kinesis, and an answer per event. 200 when every event was accepted; 503 with Retry-After when
 * any failed (the accepted ones are in the stream: resending the whole body is safe, the job dedups
 * on event id); 4xx with a reason, and nothing written, for a body it refuses.
 */
final class EventsHandler implements HttpHandler {
  static final String PATH = "/events";

  /** Content types a body may declare; text/plain is what sendBeacon sends for a string. */
  static final Set<String> CONTENT_TYPES =
      Set.of(
          "application/json",
          "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/x-jsonlines",
          "text/plain");

  private final IngestLimits limits;
  private final CorsPolicy cors;
  private final KinesisBatcher batcher;
  private final Duration responseTimeout;
  private final Duration retryAfter;
  private final CollectorStats stats;

  EventsHandler(
      IngestLimits limits,
      CorsPolicy cors,
      KinesisBatcher batcher,
      Duration responseTimeout,
      Duration retryAfter,
      CollectorStats stats) {
    this.limits = limits;
    this.cors = cors;
    this.batcher = batcher;
    this.responseTimeout = responseTimeout;
    this.retryAfter = retryAfter;
    this.stats = stats;
  }

  @Override
  public void handle(HttpExchange x) throws IOException {
    try (x) {
      stats.request();
      String origin = x.getRequestHeaders().getFirst("Origin");
      if (!cors.allows(origin)) {
        refuse(x, new Rejection(403, "origin_not_allowed", "origin " + origin + " may not post"));
        return;
      }
      cors.apply(x.getResponseHeaders(), origin);
      if (!x.getRequestURI().getPath().equals(PATH)) {
        refuse(x, new Rejection(404, "not_found", "events are posted to " + PATH));
        return;
      }
      switch (x.getRequestMethod()) {
        case "OPTIONS" -> {
          cors.preflight(x.getResponseHeaders());
          x.sendResponseHeaders(204, -1);
        }
        case "POST" -> post(x);
        default -> {
          x.getResponseHeaders().set("Allow", "POST, OPTIONS");
          refuse(
              x,
              new Rejection(
                  405, "method_not_allowed", x.getRequestMethod() + " is not allowed: POST"));
        }
      }
    }
  }

  private void post(HttpExchange x) throws IOException {
    Headers h = x.getRequestHeaders();
    String encoding = h.getFirst("Content-Encoding");
    if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
      refuse(
          x,
          new Rejection(
              415, "unsupported_encoding", "Content-Encoding " + encoding + " is not accepted"));
      return;
    }
    String type = h.getFirst("Content-Type");
    if (type != null && !CONTENT_TYPES.contains(mediaType(type))) {
      refuse(
          x,
          new Rejection(
              415,
              "unsupported_media_type",
              "Content-Type " + type + " is not accepted: JSON, NDJSON or text/plain"));
      return;
    }
    String length = h.getFirst("Content-Length");
    if (length != null && length.matches("\\d{1,18}")) {
      long declared = Long.parseLong(length);
      if (declared > limits.maxRequestBytes()) {
        refuse(x, RequestBody.requestTooLarge(declared, limits));
        return;
      }
    }
    byte[] body;
    try (InputStream in = x.getRequestBody()) {
      body = in.readNBytes(limits.maxRequestBytes() + 1);
    }
    if (body.length > limits.maxRequestBytes()) {
      // chunked, so no length was declared: say only that it is over
      refuse(
          x,
          Rejection.tooLarge(
              "request_too_large",
              "the body has more than " + limits.maxRequestBytes() + " bytes, the most accepted"));
      return;
    }
    RequestBody.Split split = RequestBody.split(body, limits);
    if (split.refused()) {
      refuse(x, split.rejection());
      return;
    }
    List<PutOutcome> outcomes = forward(split.events());
    stats.events(outcomes);
    boolean allAccepted = outcomes.stream().allMatch(PutOutcome::ok);
    if (!allAccepted) {
      x.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter.toSeconds()));
    }
    send(x, allAccepted ? 200 : 503, IngestResponse.results(outcomes));
  }

  /** Every event to the batcher, then each answer, within the response timeout for all. */
  private List<PutOutcome> forward(List<IncomingEvent> events) {
    List<CompletableFuture<PutOutcome>> futures = new ArrayList<>(events.size());
    for (IncomingEvent e : events) {
      futures.add(batcher.submit(e));
    }
    long deadline = System.nanoTime() + responseTimeout.toNanos();
    List<PutOutcome> out = new ArrayList<>(events.size());
    for (CompletableFuture<PutOutcome> f : futures) {
      try {
        out.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        out.add(
            PutOutcome.failed(
                "Timeout",
                "no answer from Kinesis within "
                    + responseTimeout.toMillis()
                    + " ms; the event may still be written (resending it is safe)"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.add(PutOutcome.failed("Timeout", "the collector is stopping"));
      } catch (ExecutionException e) {
        out.add(PutOutcome.failed("InternalFailure", String.valueOf(e.getCause())));
      }
    }
    return out;
  }

  private void refuse(HttpExchange x, Rejection r) throws IOException {
    stats.refused(r.code());
    send(x, r.status(), IngestResponse.refused(r));
  }

  private static void send(HttpExchange x, int status, byte[] body) throws IOException {
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.sendResponseHeaders(status, body.length);
    x.getResponseBody().write(body);
  }

  static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
