package io.clickpulse.dev.collect;

import com.sun.net.httpserver.Headers;
import java.util.List;

/**
 * CORS for browsers: which origins may post events (collector.allowed-origins), and the headers
 * that let them. No credentials are allowed: the tracker's ids travel in the body, not in cookies,
 * and sendBeacon's text/plain body needs no preflight at all.
 */
public final class CorsPolicy {
  static final String MAX_AGE_SECONDS = "600";
  private final List<String> allowed;

  public CorsPolicy(List<String> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  private boolean anyOrigin() {
    return allowed.contains("*");
  }

  /** A request without an Origin header (not from a browser page) is always allowed. */
  public boolean allows(String origin) {
    return origin == null || anyOrigin() || allowed.contains(origin);
  }

  /** The headers every answer to an allowed origin carries. */
  public void apply(Headers response, String origin) {
    if (origin == null) {
      return;
    }
    if (anyOrigin()) {
      response.set("Access-Control-Allow-Origin", "*");
    } else {
      response.set("Access-Control-Allow-Origin", origin);
      response.set("Vary", "Origin");
    }
    // a page's fetch may read the per-event answer and when to retry
    response.set("Access-Control-Expose-Headers", "Retry-After");
  }

  /** The answer to a preflight (OPTIONS) of an allowed origin. */
  public void preflight(Headers response) {
    response.set("Access-Control-Allow-Methods", "POST, OPTIONS");
    response.set("Access-Control-Allow-Headers", "Content-Type");
    response.set("Access-Control-Max-Age", MAX_AGE_SECONDS);
  }
}
