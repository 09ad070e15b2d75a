package io.clickpulse.dev.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.Emulator;
import io.clickpulse.dev.local.Emulators;
import io.clickpulse.dev.local.ManagedProcess;
import io.clickpulse.dev.local.StackConfig;
import io.clickpulse.dev.local.StreamContents;
import io.clickpulse.dev.local.StreamContents.StoredRecord;
import io.clickpulse.dev.local.TestStack;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The collector's contract (README "HTTP ingest") with real HTTP requests to the real collector on
 * the stack's real Kinesis: every accepted body shape and every refused one, each with its answer
 * and exactly what reached the stream. A stream per test; the partial PutRecords failure (which
 * kinesis-mock never produces) wraps the real client.
 */
class CollectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String TS = "2026-11-21 10:15:30.123456";

  private static ClickpulseConfig config;
  private static KinesisClient kinesis;
  private Collector collector;
  private String stream;

  @BeforeAll
  static void clients() {
    config = TestStack.config();
    kinesis = new AwsClients(config.aws()).kinesis();
  }

  @AfterAll
  static void closeClients() {
    kinesis.close();
  }

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
    // the shared test stack's kinesis-mock holds 50 shards in all: later test classes need theirs
    if (stream != null) {
      try {
        kinesis.deleteStream(b -> b.streamName(stream).enforceConsumerDeletion(true));
      } catch (ResourceNotFoundException e) {
        // the stream of the test that ran its own (stopped) emulator
      }
      stream = null;
    }
  }

  static String pixel(String userId, String clickId) {
    return "{\"timestamp\":\""
        + TS
        + "\","
        + (userId == null ? "" : "\"user_id\":\"" + userId + "\",")
        + "\"pixel_id\":\"px\",\"click_id\":\""
        + clickId
        + "\",\"event_name\":\"ViewContent\",\"additional_data\":{\"product_id\":100001,"
        + "\"percent_viewed\":42.5}}";
  }

  static final String APP =
      "{\"user_id\": 35, \"device_id\": \"MOB1\", \"client_event\": \"beginnavigation\","
          + " \"client_timestamp\": 1763720130123}";
  static final String UI =
      "{\"element_clicked\":\"menu\",\"time_spent\":3.5,\"restaurant_name\":\"Nopa\","
          + "\"created_at\":\"2026-11-21T10:15:30Z\",\"device_id\":\"tablet-9\"}";

  private static CollectorConfig collectorConfig(String... extra) {
    List<String> args = new ArrayList<>(List.of(extra));
    return CollectorConfig.from(TestStack.plus(config, args.toArray(String[]::new)).settings());
  }

  private static String newStream(KinesisClient k) {
    String name = "collect-" + UUID.randomUUID().toString().substring(0, 8);
    k.createStream(b -> b.streamName(name).shardCount(2));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (k.describeStreamSummary(b -> b.streamName(name))
            .streamDescriptionSummary()
            .streamStatus()
        != StreamStatus.ACTIVE) {
      assertThat(System.nanoTime()).as("stream active").isLessThan(deadline);
      sleep(100);
    }
    return name;
  }

  private void start(StreamPut api, String... extra) {
    stream = newStream(kinesis);
    collector =
        Collector.start(
            collectorConfig(extra), api, stream, TestStack.PROJECT_DIR.resolve("tracker"));
  }

  private void start(String... extra) {
    start(new KinesisStreamPut(kinesis), extra);
  }

  private List<StoredRecord> inStream() {
    return StreamContents.readAll(kinesis, stream);
  }

  private static List<String> texts(List<StoredRecord> records) {
    return records.stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
  }

  private HttpResponse<String> post(String contentType, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(collector.eventsEndpoint())
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String body) throws Exception {
    return post("application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static void assertAllAccepted(HttpResponse<String> r, int events) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("received").asInt()).isEqualTo(events);
    assertThat(body.get("accepted").asInt()).isEqualTo(events);
    assertThat(body.get("failed").asInt()).isZero();
    assertThat(body.get("results")).hasSize(events);
    for (JsonNode result : body.get("results")) {
      assertThat(result.get("status").asText()).isEqualTo("accepted");
      assertThat(result.get("shard_id").asText()).startsWith("shardId-");
      assertThat(result.get("sequence_number").asText()).isNotEmpty();
    }
  }

  private static void assertRefused(HttpResponse<String> r, int status, String code)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = json(r);
    assertThat(body.get("error").asText()).as(r.body()).isEqualTo(code);
    assertThat(body.get("message").asText()).isNotBlank();
    assertThat(body.get("received").asInt()).isZero();
  }

  @Test
  void eachProducerShapeIsForwardedUnchangedKeyedByItsUserOrDevice() throws Exception {
    start();
    String pixel = pixel("u-1", "c-1");
    assertAllAccepted(post(pixel), 1);
    assertAllAccepted(post(APP), 1);
    assertAllAccepted(post(UI), 1);
    List<StoredRecord> stored = inStream();
    assertThat(texts(stored)).containsExactlyInAnyOrder(pixel, APP, UI);
    Map<String, String> keyByText = new HashMap<>();
    stored.forEach(
        s -> keyByText.put(new String(s.data(), StandardCharsets.UTF_8), s.partitionKey()));
    assertThat(keyByText.get(pixel)).isEqualTo("u-1");
    assertThat(keyByText.get(APP)).isEqualTo("35"); // an integer user id, as its digits
    assertThat(keyByText.get(UI)).isEqualTo("tablet-9"); // UI clicks may lack a user
  }

  @Test
  void anArrayIsSplitIntoItsElementsEachWithItsExactBytes() throws Exception {
    start();
    String a = pixel("u-1", "c-1");
    String b = "{\n  \"user_id\" : \"u-2\",\n  \"note\" : \"caf\u00e9 \\u00e9\"\n}";
    String body = " [ " + a + " ,\n" + b + ",\r\n" + APP + " ]\n";
    HttpResponse<String> r = post(body);
    assertAllAccepted(r, 3);
    // the bytes between the brackets and commas are not part of any event
    assertThat(texts(inStream())).containsExactlyInAnyOrder(a, b, APP);
  }

  @Test
  void newlineDelimitedJsonGivesOneEventPerLine() throws Exception {
    start();
    String a = pixel("u-1", "c-1");
    String b = pixel("u-2", "c-2");
    String body = a + "\n" + b + "\r\n\n" + UI + "\n";
    assertAllAccepted(post("application/x-ndjson", body.getBytes(StandardCharsets.UTF_8)), 3);
    assertThat(texts(inStream())).containsExactlyInAnyOrder(a, b, UI);
  }

  @Test
  void sendBeaconsTextPlainBodyFromAnotherOriginIsAcceptedWithCorsHeaders() throws Exception {
    start();
    String body = "[" + pixel("u-1", "c-1") + "," + pixel("u-1", "c-2") + "]";
    HttpResponse<String> r =
        post(
            "text/plain;charset=UTF-8",
            body.getBytes(StandardCharsets.UTF_8),
            "Origin",
            "http://shop.example");
    assertAllAccepted(r, 2);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(inStream()).hasSize(2);
  }

  @Test
  void emptyBodiesAreRefusedWithNothingWritten() throws Exception {
    start();
    for (String empty : List.of("", "  \r\n\t ", "[]", " [ ] ")) {
      assertRefused(post(empty), 400, "empty_body");
    }
    assertThat(inStream()).isEmpty();
  }

  @Test
  void garbageIsRefusedWithItsReasonAndNothingWritten() throws Exception {
    start();
    String valid = pixel("u-1", "c-1");
    Map<String, String> codes =
        Map.of(
            "hello, collector",
            "not_json",
            valid + "\n{\"user_id\":\"u-2\",",
            "not_json",
            "[" + valid + ",",
            "not_json",
            "[" + valid + "] " + valid,
            "not_json",
            valid + " trailing",
            "not_json",
            "[" + valid + ", 42]",
            "not_an_object",
            "\"just a string\"",
            "not_an_object",
            valid + "\n[" + valid + "]",
            "not_an_object",
            "user_id=u-1&event_name=ViewContent",
            "not_json");
    for (var e : codes.entrySet()) {
      HttpResponse<String> r = post(e.getKey());
      assertRefused(r, 400, e.getValue());
    }
    byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertRefused(post("application/json", notUtf8), 400, "not_json");
    assertThat(json(post("[" + valid + ", 42]")).get("message").asText())
        .isEqualTo("event 1 is a number, not a JSON object");
    assertThat(inStream()).isEmpty();
  }

  @Test
  void anOversizeEventRefusesTheWholeRequest() throws Exception {
    start("--collector.max-event-bytes", "2000");
    String big = "{\"user_id\":\"u-9\",\"pad\":\"" + "x".repeat(2000) + "\"}";
    HttpResponse<String> r = post("[" + pixel("u-1", "c-1") + "," + big + "]");
    assertRefused(r, 413, "event_too_large");
    assertThat(json(r).get("message").asText())
        .isEqualTo("event 1 has 2029 bytes with its partition key, at most 2000 are accepted");
    // at the limit exactly: accepted (2000 bytes = 1997 of data + the 3-byte key u-9)
    String atLimit = "{\"user_id\":\"u-9\",\"pad\":\"" + "x".repeat(1971) + "\"}";
    assertAllAccepted(post(atLimit), 1);
    assertThat(texts(inStream())).containsExactly(atLimit);
  }

  @Test
  void anOversizeRequestIsRefusedDeclaredOrChunked() throws Exception {
    start("--collector.max-request-bytes", "10000", "--collector.max-events", "3");
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; body.length() < 10_000; i++) {
      body.append(i == 0 ? "" : ",").append(pixel("u-" + i, "c-" + i));
    }
    byte[] bytes = (body + "]").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> declared = post("application/json", bytes);
    assertRefused(declared, 413, "request_too_large");
    assertThat(json(declared).get("message").asText())
        .isEqualTo("the body has " + bytes.length + " bytes, at most 10000 are accepted");
    HttpRequest chunked =
        HttpRequest.newBuilder(collector.eventsEndpoint())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
    assertRefused(
        HTTP.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "request_too_large");
    String four =
        pixel("u-1", "c-1") + "\n" + pixel("u-2", "c-2") + "\n" + pixel("u-3", "c-3") + "\n" + APP;
    assertRefused(post(four), 413, "too_many_events");
    assertThat(inStream()).isEmpty();
  }

  @Test
  void anEventWithoutUserIdIsForwardedKeyedByDeviceOrByAHashOfItsBytes() throws Exception {
    start();
    String noUser = pixel(null, "c-1");
    String withDevice = "{\"device_id\":\"d-7\"," + noUser.substring(1);
    String blankUser = "{\"user_id\":\"  \"," + noUser.substring(1);
    String objectUser = "{\"user_id\":{\"id\":1}," + noUser.substring(1);
    HttpResponse<String> r =
        post(String.join("\n", noUser, withDevice, blankUser, objectUser, noUser));
    assertAllAccepted(r, 5);
    List<StoredRecord> stored = inStream();
    assertThat(texts(stored))
        .containsExactlyInAnyOrder(noUser, withDevice, blankUser, objectUser, noUser);
    Map<String, List<String>> keys = new HashMap<>();
    stored.forEach(
        s ->
            keys.computeIfAbsent(
                    new String(s.data(), StandardCharsets.UTF_8), k -> new ArrayList<>())
                .add(s.partitionKey()));
    assertThat(keys.get(withDevice)).containsExactly("d-7");
    // the same bytes, the same key: a retried event lands on the same shard
    assertThat(keys.get(noUser)).hasSize(2).allMatch(k -> k.matches("anon-[0-9a-f]{16}"));
    assertThat(keys.get(noUser).get(0)).isEqualTo(keys.get(noUser).get(1));
    assertThat(keys.get(blankUser).get(0)).startsWith("anon-");
    assertThat(keys.get(objectUser).get(0)).startsWith("anon-");
  }

  @Test
  void corsPreflightAndOriginsMethodsPathsAndContentTypes() throws Exception {
    start("--collector.allowed-origins", "http://shop.example, http://127.0.0.1:8000");
    HttpRequest preflight =
        HttpRequest.newBuilder(collector.eventsEndpoint())
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "http://shop.example")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .build();
    HttpResponse<String> p = HTTP.send(preflight, HttpResponse.BodyHandlers.ofString());
    assertThat(p.statusCode()).isEqualTo(204);
    assertThat(p.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://shop.example");
    assertThat(p.headers().firstValue("Vary")).hasValue("Origin");
    assertThat(p.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST, OPTIONS");
    assertThat(p.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type");
    assertThat(p.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    assertThat(p.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

    byte[] one = pixel("u-1", "c-1").getBytes(StandardCharsets.UTF_8);
    assertRefused(
        post("text/plain", one, "Origin", "http://evil.example"), 403, "origin_not_allowed");
    assertAllAccepted(post("text/plain", one, "Origin", "http://127.0.0.1:8000"), 1);
    assertAllAccepted(post(null, one), 1); // no Origin, no Content-Type: curl, a server
    assertRefused(post("application/x-www-form-urlencoded", one), 415, "unsupported_media_type");
    assertRefused(post("multipart/form-data; boundary=x", one), 415, "unsupported_media_type");
    assertRefused(
        post("application/json", one, "Content-Encoding", "gzip"), 415, "unsupported_encoding");
    HttpResponse<String> get =
        HTTP.send(
            HttpRequest.newBuilder(collector.eventsEndpoint()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertRefused(get, 405, "method_not_allowed");
    assertThat(get.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    HttpResponse<String> elsewhere =
        HTTP.send(
            HttpRequest.newBuilder(collector.eventsEndpoint().resolve("/events/x"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(one))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertRefused(elsewhere, 404, "not_found");
    assertThat(inStream()).hasSize(2);
  }

  @Test
  void aPartialPutRecordsFailureIsRetriedForTheFailedEntriesOnly() throws Exception {
    KinesisStreamPut real = new KinesisStreamPut(kinesis);
    AtomicInteger calls = new AtomicInteger();
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    StreamPut throttleEveryOtherOnFirstCall =
        (s, entries) -> {
          sizes.add(entries.size());
          if (calls.incrementAndGet() > 1) {
            return real.putRecords(s, entries);
          }
          List<IncomingEvent> passed = new ArrayList<>();
          for (int i = 0; i < entries.size(); i += 2) {
            passed.add(entries.get(i));
          }
          List<PutOutcome> realOutcomes = real.putRecords(s, passed);
          List<PutOutcome> out = new ArrayList<>();
          for (int i = 0; i < entries.size(); i++) {
            out.add(
                i % 2 == 0
                    ? realOutcomes.get(i / 2)
                    : PutOutcome.failed(
                        "ProvisionedThroughputExceededException",
                        "Rate exceeded for shard shardId-000000000000"));
          }
          return out;
        };
    // one sender: the six events share one call (two senders could split them)
    start(
        throttleEveryOtherOnFirstCall,
        "--collector.retry-backoff",
        "10ms",
        "--collector.senders",
        "1");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(pixel("u-" + i, "c-" + i));
    }
    assertAllAccepted(post(String.join("\n", events)), 6);
    assertThat(sizes).containsExactly(6, 3);
    assertThat(collector.batcher().retriedEntries()).isEqualTo(3);
    assertThat(texts(inStream())).containsExactlyInAnyOrderElementsOf(events);
  }

  @Test
  void entriesStillFailingAfterTheLastAttemptGet503WithRetryAfterPerEvent() throws Exception {
    KinesisStreamPut real = new KinesisStreamPut(kinesis);
    StreamPut throttleOdd =
        (s, entries) -> {
          List<IncomingEvent> passed = new ArrayList<>();
          List<PutOutcome> out = new ArrayList<>();
          for (IncomingEvent e : entries) {
            if (new String(e.data(), StandardCharsets.UTF_8).contains("\"odd\"")) {
              out.add(null);
            } else {
              passed.add(e);
              out.add(PutOutcome.accepted("x", "x"));
            }
          }
          List<PutOutcome> realOutcomes = real.putRecords(s, passed);
          int j = 0;
          for (int i = 0; i < out.size(); i++) {
            out.set(
                i,
                out.get(i) == null
                    ? PutOutcome.failed("ProvisionedThroughputExceededException", "Rate exceeded")
                    : realOutcomes.get(j++));
          }
          return out;
        };
    start(throttleOdd, "--collector.max-attempts", "2", "--collector.retry-backoff", "10ms");
    String even = pixel("u-1", "c-1");
    String odd = "{\"tag\":\"odd\"," + pixel("u-2", "c-2").substring(1);
    HttpResponse<String> r = post(even + "\n" + odd);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
    JsonNode body = json(r);
    assertThat(body.get("accepted").asInt()).isEqualTo(1);
    assertThat(body.get("failed").asInt()).isEqualTo(1);
    assertThat(body.get("results").get(0).get("status").asText()).isEqualTo("accepted");
    assertThat(body.get("results").get(1).get("status").asText()).isEqualTo("failed");
    assertThat(body.get("results").get(1).get("error").asText())
        .isEqualTo("ProvisionedThroughputExceededException");
    // the accepted event is in the stream once; the failed one is not: half written, but each
    // event's answer says which, and resending both is safe (the job dedups on click_id)
    assertThat(texts(inStream())).containsExactly(even);
  }

  @Test
  void kinesisDownGives503WithRetryAfterAndEveryEventFailed() throws Exception {
    Path dir = TestStack.PROJECT_DIR.resolve("target/collector-kinesis-" + UUID.randomUUID());
    StackConfig stackConfig = StackConfig.from(config.settings()).withDir(dir);
    Emulator emulator = new Emulators(stackConfig, TestStack.PROJECT_DIR).kinesis();
    ManagedProcess process = emulator.start(dir);
    ClickpulseConfig own =
        TestStack.plus(config, "--aws.kinesis.endpoint", emulator.endpoint().toString());
    try (KinesisClient ownKinesis = new AwsClients(own.aws()).kinesis()) {
      process.awaitReady(emulator::ready, Duration.ofSeconds(60));
      stream = newStream(ownKinesis);
      collector =
          Collector.start(
              collectorConfig("--collector.retry-backoff", "10ms"),
              new KinesisStreamPut(ownKinesis),
              stream,
              TestStack.PROJECT_DIR.resolve("tracker"));
      assertAllAccepted(post(pixel("u-1", "c-1")), 1);
      process.stop(Duration.ofSeconds(5));
      assertThat(process.alive()).isFalse();
      HttpResponse<String> r = post(pixel("u-1", "c-2") + "\n" + pixel("u-2", "c-3"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
      JsonNode body = json(r);
      assertThat(body.get("accepted").asInt()).isZero();
      assertThat(body.get("failed").asInt()).isEqualTo(2);
      for (JsonNode result : body.get("results")) {
        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("error").asText()).isEqualTo(KinesisBatcher.UNREACHABLE);
        assertThat(result.get("message").asText()).isNotBlank();
      }
    } finally {
      process.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void theShopPortServesTheTrackerAndWhereToPostEvents() throws Exception {
    start();
    URI shop = collector.shopEndpoint();
    HttpResponse<String> config =
        HTTP.send(
            HttpRequest.newBuilder(shop.resolve("/clickpulse-config.js")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(config.body()).contains(collector.eventsEndpoint().toString());
    HttpResponse<String> tracker =
        HTTP.send(
            HttpRequest.newBuilder(shop.resolve("/clickpulse.js")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(tracker.statusCode()).isEqualTo(200);
    assertThat(tracker.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    HttpResponse<String> escape =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(shop + "..%2F..%2Fpom.xml")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(escape.statusCode()).isEqualTo(404);
    assertThat(Arrays.asList(404, 200))
        .contains(
            HTTP.send(
                    HttpRequest.newBuilder(shop.resolve("/shop/")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode());
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
