package io.clickpulse.dev.cli;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.collect.Collector;
import io.clickpulse.dev.generate.ShopperSimulation;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.LocalStack;
import io.clickpulse.dev.local.StackConfig;
import io.clickpulse.dev.local.StreamContents;
import io.clickpulse.dev.seed.ProductCatalog;
import io.clickpulse.dev.seed.SeedConfig;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code clickpulse bench collector}: HTTP clients posting generated events to the real collector
 * as fast as it answers, into a private stack's Kinesis (kinesalite: kinesis-mock slows as the
 * stream grows): requests/s, events/s and request latency percentiles, for batched and for
 * single-event requests, then a count of what reached the stream. Prints figures; asserts nothing.
 */
final class CollectorBench {
  private final Path projectDir;

  CollectorBench(Path projectDir) {
    this.projectDir = projectDir;
  }

  int run(List<String> args) throws Exception {
    List<String> base =
        new ArrayList<>(
            List.of(
                "--stack.dir",
                "target/bench/collector-stack",
                "--stack.s3-backend",
                "transient",
                "--stack.athena",
                "false",
                "--stack.kinesis-emulator",
                "kinesalite",
                // kinesalite cuts its answers off past ~16 KB: keep PutRecords results under it
                "--collector.max-call-entries",
                "128"));
    base.addAll(args);
    ClickpulseConfig plain = ClickpulseConfig.fromArgs(base);
    int clients = plain.settings().intIn("bench.collector-clients", 1, 256);
    int batch = plain.settings().intIn("bench.collector-events-per-request", 1, 500);
    int seconds = plain.settings().intIn("bench.collector-seconds", 1, 3600);
    try (LocalStack stack =
        LocalStack.start(
            StackConfig.from(plain.settings()),
            projectDir,
            Credentials.local(plain),
            System.out::println)) {
      ClickpulseConfig config = ClickpulseConfig.fromArgs(stack.endpoints().before(base));
      new Bootstrap(config, s -> {}).run();
      AwsClients aws = new AwsClients(config.aws());
      try (DynamoDbClient dynamo = aws.dynamoDb();
          KinesisClient kinesis = CollectorCommand.kinesis(config);
          Collector collector =
              CollectorCommand.start(config, projectDir, kinesis, System.out::println)) {
        List<byte[]> events = events(config, dynamo, 5000);
        long sent = 0;
        for (int perRequest : batch == 1 ? List.of(1) : List.of(batch, 1)) {
          System.out.printf(
              "bench: warm-up, then %d clients posting %d event(s) per request for %d s%n",
              clients, perRequest, seconds);
          load(collector.eventsEndpoint(), events, clients, perRequest, 3, false);
          sent += load(collector.eventsEndpoint(), events, clients, perRequest, seconds, true);
        }
        long accepted = collector.stats().accepted();
        String inStream;
        try {
          inStream = String.valueOf(StreamContents.readAll(kinesis, config.stream().name()).size());
        } catch (RuntimeException e) {
          inStream = "(not counted: " + e.getMessage() + ")"; // kinesalite, large GetRecords
        }
        System.out.printf(
            "bench: collector accepted %d events (%d failed, refused %s) in %d PutRecords calls"
                + " (%d entries retried); the stream holds %s records%n",
            accepted,
            collector.stats().failed(),
            collector.stats().refusedByCode(),
            collector.batcher().calls(),
            collector.batcher().retriedEntries(),
            inStream);
      }
    }
    return 0;
  }

  private static List<byte[]> events(ClickpulseConfig config, DynamoDbClient dynamo, int n) {
    ShopperSimulation simulation =
        new ShopperSimulation(
            1,
            ProductCatalog.scan(dynamo, config.tables().products()),
            SeedConfig.from(config.settings()).users(),
            Instant.now(),
            1000,
            Duration.ofSeconds(1));
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(simulation.next().toJsonBytes());
    }
    return out;
  }

  /** Closed-loop clients for {@code seconds}; prints and returns the events accepted. */
  private static long load(
      URI endpoint, List<byte[]> events, int clients, int perRequest, int seconds, boolean print)
      throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    AtomicLong requests = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    AtomicLong notOk = new AtomicLong();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> running = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      running.add(
          pool.submit(
              () -> {
                int next = client * 997;
                while (System.nanoTime() < end) {
                  ByteArrayOutputStream body = new ByteArrayOutputStream();
                  for (int i = 0; i < perRequest; i++) {
                    body.writeBytes(events.get(next++ % events.size()));
                    body.write('\n');
                  }
                  long start = System.nanoTime();
                  HttpResponse<String> r =
                      http.send(
                          HttpRequest.newBuilder(endpoint)
                              .header("Content-Type", "application/x-ndjson")
                              .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  latencies.add(System.nanoTime() - start);
                  requests.incrementAndGet();
                  if (r.statusCode() == 200) {
                    accepted.addAndGet(perRequest);
                  } else {
                    notOk.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    if (print) {
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      System.out.printf(
          "bench: collector, %d clients x %d event(s) per request: %.0f requests/s, %.0f events/s"
              + " into Kinesis; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; %d requests not 200%n",
          clients,
          perRequest,
          requests.get() / secs,
          accepted.get() / secs,
          percentile(sorted, 0.50),
          percentile(sorted, 0.95),
          percentile(sorted, 0.99),
          notOk.get());
    }
    return accepted.get();
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size()))) / 1e6;
  }
}
