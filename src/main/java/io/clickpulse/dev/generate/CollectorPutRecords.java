package io.clickpulse.dev.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link PutRecordsApi} through the HTTP collector (README "HTTP ingest"): a batch as one POST
 * /events of newline-delimited JSON, the per-event answers as PutRecords' per-record errors, so the
 * publisher re-sends only what failed. Remembers the event ids of the events it got accepted, so
 * the demo can find them in the lake.
 */
public final class CollectorPutRecords implements PutRecordsApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final Set<String> acceptedEventIds = ConcurrentHashMap.newKeySet();

  public CollectorPutRecords(URI endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public List<Optional<String>> putRecords(String stream, List<OutgoingRecord> batch) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (OutgoingRecord r : batch) {
      body.writeBytes(r.data());
      body.write('\n');
    }
    HttpResponse<String> response;
    try {
      requests.incrementAndGet();
      response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return failAll(batch, "CollectorUnreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while posting to " + endpoint, e);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      return failAll(batch, "HTTP " + response.statusCode() + ": " + response.body());
    }
    if (!answer.has("results")) {
      // refused whole: the generator's malformed records are not JSON and must go to Kinesis
      throw new IllegalStateException(
          "the collector refused a batch with " + response.statusCode() + ": " + answer);
    }
    List<Optional<String>> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      JsonNode r = answer.get("results").get(i);
      if (r != null && r.path("status").asText().equals("accepted")) {
        out.add(Optional.empty());
        accepted.incrementAndGet();
        OutgoingRecord record = batch.get(i);
        if (record.distinctValidEvent()) {
          acceptedEventIds.add(record.event().eventId());
        }
      } else {
        out.add(
            Optional.of(
                r == null ? "no answer" : r.path("error").asText() + ": " + r.path("message")));
      }
    }
    return out;
  }

  private static List<Optional<String>> failAll(List<OutgoingRecord> batch, String error) {
    return batch.stream().map(r -> Optional.of(error)).toList();
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Records the collector accepted (duplicates and late events included). */
  public long accepted() {
    return accepted.get();
  }

  public long requests() {
    return requests.get();
  }

  /** Event ids (as the decoder names them) of the distinct valid events the collector accepted. */
  public Set<String> acceptedEventIds() {
    return Set.copyOf(acceptedEventIds);
  }
}
