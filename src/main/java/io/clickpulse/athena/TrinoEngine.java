package io.clickpulse.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Trino's client REST protocol (POST /v1/statement, then follow nextUri until the result is
 * complete): no driver on the job's class path, and the same text values Athena returns.
 */
public final class TrinoEngine implements SqlEngine {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI server;
  private final String catalog;
  private final String schema;
  private final Duration timeout;

  public TrinoEngine(URI server, String catalog, String schema, Duration timeout) {
    this.server = server;
    this.catalog = catalog;
    this.schema = schema;
    this.timeout = timeout;
  }

  @Override
  public QueryResult execute(String sql) {
    Instant deadline = Instant.now().plus(timeout);
    HttpRequest first =
        HttpRequest.newBuilder(server.resolve("/v1/statement"))
            .header("X-Trino-User", "clickpulse")
            .header("X-Trino-Catalog", catalog)
            .header("X-Trino-Schema", schema)
            .header("X-Trino-Time-Zone", "UTC")
            .POST(HttpRequest.BodyPublishers.ofString(sql))
            .build();
    List<String> columns = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    JsonNode page = send(first, deadline);
    while (true) {
      JsonNode error = page.get("error");
      if (error != null && !error.isNull()) {
        throw new SqlException(
            "Trino: "
                + error.path("message").asText()
                + " ("
                + error.path("errorName").asText()
                + ")",
            sql);
      }
      if (columns.isEmpty() && page.has("columns")) {
        page.get("columns").forEach(c -> columns.add(c.get("name").asText()));
      }
      if (page.has("data")) {
        for (JsonNode r : page.get("data")) {
          List<String> row = new ArrayList<>();
          r.forEach(v -> row.add(v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString()));
          rows.add(row);
        }
      }
      JsonNode next = page.get("nextUri");
      if (next == null || next.isNull()) {
        return new QueryResult(columns, rows);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new SqlException("Trino: no result within athena.timeout (" + timeout + ")", sql);
      }
      page =
          send(
              HttpRequest.newBuilder(URI.create(next.asText()))
                  .header("X-Trino-User", "clickpulse")
                  .GET()
                  .build(),
              deadline);
    }
  }

  /** One request; HTTP 503 (Trino busy) is retried until the statement's deadline, not forever. */
  private JsonNode send(HttpRequest request, Instant deadline) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      while (r.statusCode() == 503 && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
        r = http.send(request, HttpResponse.BodyHandlers.ofString());
      }
      if (r.statusCode() != 200) {
        throw new SqlException(
            "Trino at " + server + " answered HTTP " + r.statusCode() + ": " + r.body(), "");
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new SqlException("cannot reach Trino at " + server + ": " + e.getMessage(), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlException("interrupted while waiting for Trino", "");
    }
  }

  @Override
  public void close() {
    // HttpClient holds no resource that outlives the JVM's own shutdown
  }
}
