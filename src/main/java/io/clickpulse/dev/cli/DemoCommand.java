package io.clickpulse.dev.cli;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.collect.Collector;
import io.clickpulse.dev.generate.CollectorPutRecords;
import io.clickpulse.dev.generate.GeneratorConfig;
import io.clickpulse.dev.generate.OutgoingRecord.Fault;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.DemandStreamPoller;
import io.clickpulse.dev.local.FileTrees;
import io.clickpulse.dev.local.LocalStack;
import io.clickpulse.dev.local.SparkSubmitLauncher;
import io.clickpulse.dev.local.StackConfig;
import io.clickpulse.dev.local.StackException;
import io.clickpulse.dev.local.StreamContents;
import io.clickpulse.dev.shop.ShopVisit;
import io.clickpulse.event.EventColumns;
import io.clickpulse.event.EventName;
import io.clickpulse.runtime.SparkSessions;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.streaming.ProgressLog;
import io.clickpulse.streaming.SessionsQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code clickpulse demo}: a private local stack under target/demo, bootstrap, a generator run with
 * a few injected faults, then a check of what reached the stream; writes summary.json and stops the
 * stack. The user's own arguments override the demo's defaults.
 */
final class DemoCommand {
  private static final List<String> DEMO_DEFAULTS =
      List.of(
          "--stack.dir",
          "target/demo/stack",
          "--generate.rate",
          "200",
          "--generate.seconds",
          "20",
          "--generate.malformed-share",
          "0.02",
          "--generate.duplicate-share",
          "0.02",
          "--generate.late-share",
          "0.01",
          "--generate.unknown-product-share",
          "0.01",
          "--generate.report",
          "target/demo/generator-report.json",
          "--generate.collector-share",
          "0.25");

  /** The scripted shop visit's user: a seeded one, so that it gets a name like the others. */
  static final String VISIT_USER = "7";

  private final Path projectDir;

  DemoCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  int run(List<String> userArgs) throws InterruptedException, IOException {
    List<String> args = new ArrayList<>(DEMO_DEFAULTS);
    args.addAll(GenerateCommand.expandShortNames(userArgs));
    ClickpulseConfig base = ClickpulseConfig.fromArgs(args);
    Path demoDir = projectDir.resolve("target/demo");
    // the demo's stack is its own: start from empty storage so counts are this run's (unless a
    // demo is running there right now)
    Path stackDir = projectDir.resolve(StackConfig.from(base.settings()).dir());
    if (LocalStack.read(stackDir)
        .map(st -> st.processes().stream().anyMatch(p -> p.alive()))
        .orElse(false)) {
      throw new StackException("another demo is running (its stack is in " + stackDir + ")");
    }
    FileTrees.delete(stackDir);
    System.out.println(
        "demo: 1/5 starting the local stack (Kinesis, DynamoDB, S3, Hive metastore, Trino on 127.0.0.1)");
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("started_at", Instant.now().toString());
    try (LocalStack stack =
        LocalStack.start(
            StackConfig.from(base.settings()),
            projectDir,
            Credentials.local(base),
            System.out::println)) {
      List<String> withEndpoints = stack.endpoints().before(args);
      ClickpulseConfig config = ClickpulseConfig.fromArgs(withEndpoints);

      System.out.println("demo: 2/5 bootstrap: stream, tables, bucket, seed catalog");
      new Bootstrap(config, System.out::println).run();

      Path batchLog = demoDir.resolve("streaming-batches.jsonl");
      Files.deleteIfExists(batchLog);
      Path progressLog = demoDir.resolve("streaming-progress.jsonl");
      Path sessionMetrics = demoDir.resolve("session-metrics.jsonl");
      Path sessionAlerts = demoDir.resolve("session-alerts.jsonl");
      Files.deleteIfExists(progressLog);
      Files.deleteIfExists(sessionMetrics);
      Files.deleteIfExists(sessionAlerts);
      // short-session alerts delivered as JSON lines, by the streaming job and the stagger re-runs
      List<String> alertArgs =
          List.of("--alerts.sink", "jsonl", "--alerts.file", sessionAlerts.toString());
      Path jobLog = demoDir.resolve("streaming-job.log");
      System.out.println(
          "demo: 3/5 starting the streaming job (spark-submit on the job jar; log in "
              + jobLog
              + ")");
      List<String> jobArgs = new ArrayList<>(withEndpoints);
      jobArgs.addAll(
          List.of(
              "--streaming.batch-log",
              batchLog.toString(),
              "--streaming.progress-log",
              progressLog.toString(),
              "--sessions.metrics",
              "local",
              "--sessions.metrics-file",
              sessionMetrics.toString()));
      jobArgs.addAll(alertArgs);
      SparkSubmitLauncher launcher = new SparkSubmitLauncher(projectDir, "local[2]", "3g");
      // the Lambda stand-in: demand written by the job moves catalog prices while the demo runs
      AwsClients pricingClients = new AwsClients(config.aws());
      DynamoDbClient pricingDynamo = pricingClients.dynamoDb();
      DynamoDbStreamsClient pricingStreams = pricingClients.dynamoDbStreams();
      Files.deleteIfExists(projectDir.resolve(config.pricing().pollerState()));
      DemandStreamPoller pricing =
          PricingPollerCommand.poller(
              config, projectDir, pricingDynamo, pricingStreams, "demo-poller", line -> {});
      pricing.start(config.pricing().pollInterval());
      // HTTP ingest: the collector in this process, on the demo's stream; part of the generator's
      // traffic and the shop visit come in through it
      KinesisClient collectorKinesis = CollectorCommand.kinesis(config);
      Collector collector =
          CollectorCommand.start(config, projectDir, collectorKinesis, System.out::println);
      Optional<CollectorPutRecords> http =
          GeneratorConfig.from(config.settings()).collectorShare() > 0
              ? Optional.of(new CollectorPutRecords(collector.eventsEndpoint()))
              : Optional.empty();
      Process job = launcher.start(JobCatalog.mainClass("streaming"), jobArgs, jobLog);
      try {
        awaitQueryStarted(job, jobLog);
        System.out.println("demo: 4/5 generating clickstream traffic while the job runs");
        SendReport sent = GenerateCommand.generate(config, System.out::println, http);
        sent.write(projectDir.resolve(GeneratorConfig.from(config.settings()).report()));
        URI shop = collector.shopEndpoint().resolve("/shop/");
        System.out.println(
            "demo: one scripted visit of the demo shop " + shop + " in headless Chromium");
        List<ShopVisit.Expected> visit = List.of();
        String visitError = null;
        try {
          visit = ShopVisit.run(shop, VISIT_USER, Files.createTempDirectory("clickpulse-shop"));
        } catch (RuntimeException e) {
          visitError = e.toString();
          System.out.println("demo: the shop visit failed: " + visitError);
        }
        System.out.println("demo: waiting for the streaming job to drain the stream and stop");
        long expected = sent.records() - sent.fault(Fault.DUPLICATE) + visit.size();
        awaitJob(
            job,
            batchLog,
            expected,
            jobLog,
            progressLog,
            sent.records() + visit.size(),
            config.sessions().enabled());

        pricing.close();
        Map<String, Object> stagger = Map.of();
        if (config.sessions().enabled()) {
          System.out.println(
              "demo: stagger mode: the sessions re-run in stagger mode over raw/, steps 1 min and"
                  + " 30 s");
          List<String> staggerArgs = new ArrayList<>(withEndpoints);
          staggerArgs.addAll(alertArgs);
          try (DynamoDbClient dynamo = new AwsClients(config.aws()).dynamoDb()) {
            stagger =
                StaggerDemo.run(
                    SparkSessions.local(config, "clickpulse-demo"),
                    staggerArgs,
                    Instant.parse((String) summary.get("started_at")),
                    Instant.now(),
                    dynamo);
          }
        }
        int lastPoll = pricing.pollOnce(); // demand written just before the job stopped
        System.out.println(
            "demo: 5/5 reading the outputs back (last pricing poll handled "
                + lastPoll
                + " demand records)");
        int inStream;
        Map<String, Object> lake;
        Map<String, Object> demand;
        Map<String, Object> sessions;
        Map<String, Object> prices;
        AwsClients clients = new AwsClients(config.aws());
        try (KinesisClient kinesis = clients.kinesis();
            S3Client s3 = clients.s3();
            DynamoDbClient dynamo = clients.dynamoDb()) {
          inStream = StreamContents.readAll(kinesis, config.stream().name()).size();
          lake = DemoReport.lake(s3, config);
          demand = DemoReport.demand(dynamo, config);
          sessions = DemoReport.sessions(sessionMetrics, dynamo, config);
          prices = DemoReport.priceChanges(dynamo, config);
        }
        Map<String, Object> delivered = DemoReport.deliveredAlerts(sessionAlerts);
        Map<String, Object> enrichment =
            EnrichmentReport.of(SparkSessions.local(config, "clickpulse-demo"), config);
        Map<String, Object> streaming = DemoReport.streamingJob(batchLog);
        Map<String, Object> httpIngest =
            httpIngest(config, collector, http, visit, visitError, shop);
        Map<String, Object> checks = checks(sent, visit, inStream, streaming, demand);
        Map<String, Object> producers =
            DemoReport.producers(
                sent,
                GeneratorConfig.from(config.settings()).producerShares().keySet(),
                DemoReport.eventsByProducer(SparkSessions.local(config, "clickpulse-demo"), config),
                visit.size());
        // the events/ folder as the job wrote it: the daily chain's compaction moves closed hours
        // (the late events' among them) to compacted/, where only the catalog finds them
        Map<String, Object> athena =
            StackConfig.from(config.settings()).athena()
                ? AthenaDemo.run(config, withEndpoints, launcher, demoDir)
                : Map.of();
        checks.put("every_producer_reached_the_lake", DemoReport.everyProducerArrived(producers));
        checks.put(
            "http_events_reached_the_lake",
            httpIngest.get("generator_events_in_lake").equals(httpIngest.get("generator_events"))
                && ((Number) httpIngest.get("generator_events")).longValue() > 0
                    == http.isPresent());
        checks.put(
            "shop_visit_reached_the_lake",
            visitError == null
                && ((Number) httpIngest.get("shop_visit_events_in_lake")).longValue()
                    == visit.size());
        checks.put("prices_changed_by_demand", ((Number) prices.get("changes")).longValue() > 0);
        checks.putAll(enrichmentChecks(enrichment));
        if (StackConfig.from(config.settings()).athena()) {
          checks.put(
              "daily_batch_chain_succeeded",
              Integer.valueOf(0).equals(athena.get("daily_job_exit_code")));
          checks.put(
              "athena_views_answer",
              ((Map<?, ?>) athena.get("views")).size() == AthenaDemo.VIEWS.size());
          checks.put("dashboard_preview_written", athena.containsKey("dashboard_preview"));
          checks.put(
              "athena_events_today_equal_events",
              athenaEventsToday(athena) == ((Number) enrichment.get("events_today")).longValue());
        }
        if (config.sessions().enabled()) {
          checks.put(
              "sessions_closed_within_the_demo",
              ((Number) sessions.get("sessions_closed")).longValue() > 0);
          checks.put(
              "dynamodb_sessions_equal_sessions_closed",
              sessions.get("dynamodb_items").equals(sessions.get("sessions_closed")));
          checks.putAll(alertChecks(sessions, delivered, stagger));
        }
        summary.put("sent", sent.toMap());
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("producers", producers);
        stages.put("http_ingest", httpIngest);
        stages.put("kinesis_stream", Map.of("stream", config.stream().name(), "records", inStream));
        stages.put("streaming_job", streaming);
        stages.put("lake", lake);
        stages.put("product_demand", demand);
        stages.put("enrichment", enrichment);
        stages.put("sessions", sessions);
        stages.put("stagger_sessions", stagger);
        stages.put("alerts_delivered", delivered);
        stages.put("price_changes", prices);
        stages.put("athena", athena);
        summary.put("stages", stages);
        summary.put("checks", checks);
        summary.put(
            "outputs",
            Map.of(
                "generator_report",
                    projectDir.resolve(GeneratorConfig.from(config.settings()).report()).toString(),
                "streaming_job_log", jobLog.toString(),
                "streaming_batch_log", batchLog.toString(),
                "streaming_progress_log", progressLog.toString(),
                "session_metrics", sessionMetrics.toString(),
                "session_alerts", sessionAlerts.toString(),
                "stack_logs", stack.stateDir().resolve("logs").toString(),
                "s3_data", stack.stateDir().resolve("s3/data").toString()));
        summary.put("finished_at", Instant.now().toString());
        Path file = demoDir.resolve("summary.json");
        write(file, summary);
        printSummary(sent, inStream, streaming, demand, checks, file);
        System.out.println("demo: producers: " + DemoReport.producersLine(producers));
        System.out.printf(
            "demo: http ingest: %s requests to the collector, %s events accepted (%s from the"
                + " generator, %s from the shop visit), %s of them in the events table%n",
            httpIngest.get("collector_requests"),
            httpIngest.get("collector_events_accepted"),
            httpIngest.get("generator_records"),
            httpIngest.get("shop_visit_events"),
            ((Number) httpIngest.get("generator_events_in_lake")).longValue()
                + ((Number) httpIngest.get("shop_visit_events_in_lake")).longValue());
        System.out.printf(
            "demo: enrichment: %s of %s events located (countries %s), channels %s, devices %s, %s bot events,"
                + " %s of %s with a user name%n",
            enrichment.get("located_by_geo_ip"),
            enrichment.get("events"),
            enrichment.get("events_by_country"),
            enrichment.get("events_by_channel_group"),
            enrichment.get("events_by_device_class"),
            enrichment.get("bot_events"),
            enrichment.get("with_user_name"),
            enrichment.get("with_user_id"));
        System.out.printf(
            "demo: sessions: %s closed (%s to DynamoDB), %s short-session alerts, %s late events,"
                + " mean duration %s s%n",
            sessions.get("sessions_closed"),
            sessions.get("dynamodb_items"),
            sessions.get("short_session_alerts"),
            sessions.get("late_events"),
            sessions.get("mean_duration_sec"));
        if (!stagger.isEmpty()) {
          System.out.printf(
              "demo: stagger sessions (re-run of raw/): %s; alerts delivered to %s: %s%n",
              stagger.get("steps"), sessionAlerts, delivered.get("distinct_alert_ids_by_mode"));
        }
        System.out.printf(
            "demo: dynamic pricing: %s price changes on %s products, e.g. %s%n",
            prices.get("changes"), prices.get("products"), prices.get("examples"));
        boolean ok = checks.values().stream().allMatch(Boolean.TRUE::equals);
        System.out.println(
            ok
                ? "demo: all checks passed; stopping the local stack"
                : "demo: SOME CHECKS FAILED (see checks in "
                    + file
                    + "); stopping the local stack");
        return ok ? 0 : 1;
      } finally {
        collector.close();
        collectorKinesis.close();
        pricing.close();
        pricingStreams.close();
        pricingDynamo.close();
        if (job.isAlive()) {
          job.destroy();
          job.waitFor(30, TimeUnit.SECONDS);
          job.destroyForcibly();
        }
      }
    }
  }

  /** Waits for the job's "started query" log line, so the demo's traffic flows while it runs. */
  private static void awaitQueryStarted(Process job, Path jobLog)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (!job.isAlive()) {
        throw new StackException(
            "the streaming job exited (code " + job.exitValue() + ") at start; see " + jobLog);
      }
      if (Files.exists(jobLog) && Files.readString(jobLog).contains("started query")) {
        return;
      }
      Thread.sleep(500);
    }
    throw new StackException(
        "the streaming job did not start its query within 3 minutes; see " + jobLog);
  }

  /**
   * Waits until the job has processed every record that was sent (after dedup), and the sessions
   * query has read them all and run the watermark-only batch after them (which closes sessions),
   * then stops the job.
   */
  private static void awaitJob(
      Process job,
      Path batchLog,
      long expected,
      Path jobLog,
      Path progressLog,
      long records,
      boolean sessions)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    long lastPrinted = -1;
    boolean mainDone = false;
    while (System.nanoTime() < deadline) {
      if (!job.isAlive()) {
        throw new StackException(
            "the streaming job exited (code "
                + job.exitValue()
                + ") before it processed every record;"
                + " see "
                + jobLog);
      }
      if (!mainDone) {
        long done =
            ((Number) DemoReport.streamingJob(batchLog).get("records_after_dedup")).longValue();
        if (done != lastPrinted) {
          System.out.printf("demo: streaming job processed %d/%d records%n", done, expected);
          lastPrinted = done;
        }
        mainDone = done >= expected;
        if (mainDone && sessions) {
          System.out.println("demo: waiting for the sessions query to catch up and close sessions");
        }
      }
      if (mainDone && (!sessions || sessionsCaughtUp(progressLog, records))) {
        job.destroy(); // SIGTERM: the job stops its queries between batches
        job.waitFor(60, TimeUnit.SECONDS);
        return;
      }
      Thread.sleep(1000);
    }
    throw new StackException(
        "the streaming job did not process every record within 5 minutes; see " + jobLog);
  }

  private static boolean sessionsCaughtUp(Path progressLog, long records) {
    List<ProgressLog.Line> lines =
        ProgressLog.read(progressLog).stream()
            .filter(l -> l.query().equals(SessionsQuery.QUERY_NAME))
            .toList();
    long read = lines.stream().mapToLong(ProgressLog.Line::inputRows).sum();
    return read >= records && !lines.isEmpty() && lines.get(lines.size() - 1).inputRows() == 0;
  }

  /**
   * What came in over HTTP and whether it reached the lake: the generator's events by event id, the
   * shop visit's by its pages' URL.
   */
  private static Map<String, Object> httpIngest(
      ClickpulseConfig config,
      Collector collector,
      Optional<CollectorPutRecords> http,
      List<ShopVisit.Expected> visit,
      String visitError,
      URI shop) {
    Set<String> ids = http.map(CollectorPutRecords::acceptedEventIds).orElse(Set.of());
    Dataset<Row> events =
        LakeDataset.EVENTS.read(
            SparkSessions.local(config, "clickpulse-demo"), LakeDataset.EVENTS.uri(config.lake()));
    long generatorInLake =
        ids.isEmpty() ? 0 : events.where(col(EventColumns.EVENT_ID).isin(ids.toArray())).count();
    long visitInLake = events.where(col(EventColumns.PAGE_URL).startsWith(shop.toString())).count();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("collector", collector.eventsEndpoint().toString());
    out.put("shop", shop.toString());
    out.put("collector_requests", collector.stats().requests());
    out.put("collector_events_accepted", collector.stats().accepted());
    out.put("collector_events_failed", collector.stats().failed());
    out.put("collector_refused", collector.stats().refusedByCode());
    out.put("generator_requests", http.map(CollectorPutRecords::requests).orElse(0L));
    out.put("generator_records", http.map(CollectorPutRecords::accepted).orElse(0L));
    out.put("generator_events", (long) ids.size());
    out.put("generator_events_in_lake", generatorInLake);
    out.put("shop_visit_user", VISIT_USER);
    out.put("shop_visit_events", (long) visit.size());
    out.put("shop_visit_event_names", visit.stream().map(ShopVisit.Expected::eventName).toList());
    out.put("shop_visit_events_in_lake", visitInLake);
    if (visitError != null) {
      out.put("shop_visit_error", visitError);
    }
    return out;
  }

  private static Map<String, Object> checks(
      SendReport sent,
      List<ShopVisit.Expected> visit,
      int inStream,
      Map<String, Object> streaming,
      Map<String, Object> demand) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("stream_holds_every_record_sent", inStream == sent.records() + visit.size());
    c.put(
        "job_read_every_record_once",
        ((Number) streaming.get("records_after_dedup")).longValue()
            == sent.records() - sent.fault(Fault.DUPLICATE) + visit.size());
    c.put(
        "events_equal_distinct_valid_events_sent",
        ((Number) streaming.get("events")).longValue() == sent.validEvents() + visit.size());
    c.put(
        "bad_records_equal_malformed_records_sent",
        ((Number) streaming.get("bad_records")).longValue() == sent.malformed());
    @SuppressWarnings("unchecked")
    Map<String, Long> totals = (Map<String, Long>) demand.get("totals");
    Map<String, Long> byName = new TreeMap<>(sent.eventsByName());
    visit.forEach(e -> byName.merge(e.eventName(), 1L, Long::sum));
    c.put(
        "demand_views_equal_views_sent",
        totals.getOrDefault("views", 0L).equals(byName.getOrDefault(EventName.VIEW_CONTENT, 0L)));
    c.put(
        "demand_purchases_equal_purchases_sent",
        totals.getOrDefault("purchases", 0L).equals(byName.getOrDefault(EventName.PURCHASE, 0L)));
    return c;
  }

  /**
   * Gap alerts reach the sink once each; each stagger step has rows, an item per row, the same
   * events as the other step, and its alerts delivered.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Boolean> alertChecks(
      Map<String, Object> sessions, Map<String, Object> delivered, Map<String, Object> stagger) {
    Map<String, Boolean> c = new LinkedHashMap<>();
    Map<String, Long> byMode = (Map<String, Long>) delivered.get("distinct_alert_ids_by_mode");
    c.put(
        "gap_alerts_delivered_once_each",
        byMode.getOrDefault("gap", 0L)
            == ((Number) sessions.get("short_session_alerts")).longValue());
    Map<String, Map<String, Object>> steps =
        (Map<String, Map<String, Object>>) stagger.getOrDefault("steps", Map.of());
    long staggerAlerts = 0;
    boolean rows = steps.size() == StaggerDemo.STEPS.size();
    boolean items = rows;
    boolean allDelivered = rows;
    for (Map<String, Object> step : steps.values()) {
      rows &= ((Number) step.get("rows")).longValue() > 0;
      items &= step.get("dynamodb_items").equals(step.get("rows"));
      allDelivered &= step.get("alerts_delivered").equals(step.get("short_session_alerts"));
      staggerAlerts += ((Number) step.get("short_session_alerts")).longValue();
    }
    c.put("stagger_rows_for_each_step", rows);
    c.put("stagger_dynamodb_items_equal_rows_per_step", items);
    c.put(
        "stagger_steps_hold_the_same_events",
        steps.values().stream().map(st -> st.get("events_in_rows")).distinct().count() == 1);
    c.put(
        "stagger_alerts_delivered",
        allDelivered && byMode.getOrDefault("stagger", 0L) == staggerAlerts);
    return c;
  }

  @SuppressWarnings("unchecked")
  private static long athenaEventsToday(Map<String, Object> athena) {
    Map<String, Object> views = (Map<String, Object>) athena.get("views");
    if (views == null || !views.containsKey("events_today")) {
      return -1;
    }
    List<List<String>> rows =
        (List<List<String>>) ((Map<String, Object>) views.get("events_today")).get("rows");
    return Long.parseLong(rows.get(0).get(0));
  }

  /**
   * The generator sends public addresses in several countries (a few private ones), bots, campaign
   * tags and only seeded user ids: each enricher must show in the events.
   */
  private static Map<String, Boolean> enrichmentChecks(Map<String, Object> e) {
    long events = ((Number) e.get("events")).longValue();
    Map<String, Boolean> c = new LinkedHashMap<>();
    c.put(
        "most_events_located_by_geo_ip",
        ((Number) e.get("located_by_geo_ip")).longValue() * 10 >= events * 8);
    c.put("events_from_several_countries", ((Map<?, ?>) e.get("events_by_country")).size() >= 5);
    c.put("bots_flagged", ((Number) e.get("bot_events")).longValue() > 0);
    c.put(
        "every_user_agent_classified", ((Number) e.get("with_device_class")).longValue() == events);
    c.put("channel_groups_assigned", ((Map<?, ?>) e.get("events_by_channel_group")).size() >= 5);
    c.put("every_seeded_user_named", e.get("with_user_name").equals(e.get("with_user_id")));
    return c;
  }

  private static void printSummary(
      SendReport sent,
      int inStream,
      Map<String, Object> streaming,
      Map<String, Object> demand,
      Map<String, Object> checks,
      Path file) {
    System.out.println();
    System.out.printf(
        "demo: sent %d records: %d distinct valid events; faults: %d malformed, %d duplicate, %d late,"
            + " %d unknown product%n",
        sent.records(),
        sent.validEvents(),
        sent.malformed(),
        sent.fault(Fault.DUPLICATE),
        sent.fault(Fault.LATE),
        sent.fault(Fault.UNKNOWN_PRODUCT));
    System.out.printf("demo: the stream holds %d records%n", inStream);
    System.out.printf(
        "demo: streaming job: %s batches, %s events to events/ (Parquet), %s bad records %s to bad_records/,"
            + " %s high-intent views%n",
        streaming.get("batches"),
        streaming.get("events"),
        streaming.get("bad_records"),
        streaming.get("bad_records_by_reason"),
        streaming.get("high_intent_views"));
    System.out.printf(
        "demo: product_demand: %s items over %s products, totals %s, revenue %s%n",
        demand.get("items"), demand.get("products"), demand.get("totals"), demand.get("revenue"));
    System.out.println("demo: checks: " + checks);
    System.out.println("demo: summary in " + file);
  }

  private static void write(Path file, Object value) {
    try {
      Files.createDirectories(file.getParent());
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(file.toFile(), value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
