package io.clickpulse.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.athena.AthenaDdl;
import io.clickpulse.athena.QueryResult;
import io.clickpulse.athena.SqlEngine;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.generate.ClickstreamGenerator;
import io.clickpulse.dev.generate.GeneratorConfig;
import io.clickpulse.dev.generate.KinesisPutRecords;
import io.clickpulse.dev.generate.OutgoingRecord;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.FileTrees;
import io.clickpulse.dev.local.LocalStack;
import io.clickpulse.dev.local.SparkSubmitLauncher;
import io.clickpulse.dev.local.StackConfig;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.dev.local.TestTraffic;
import io.clickpulse.dev.preview.DashboardPreview;
import io.clickpulse.dev.preview.HeadlessChromium;
import io.clickpulse.dev.preview.PreviewPageCheck;
import io.clickpulse.dev.preview.QuickSightFiles;
import io.clickpulse.dev.seed.ProductCatalog;
import io.clickpulse.dev.seed.SeedConfig;
import io.clickpulse.dev.seed.SeedData;
import io.clickpulse.dev.seed.User;
import io.clickpulse.enrich.GeoIpLookup;
import io.clickpulse.enrich.GeoLocation;
import io.clickpulse.sink.RawLine;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The batch jobs and every athena-ddl file on the real stand-ins: a seeded generator run is
 * archived in raw/ in the stream's line format (duplicates and malformed records included, plus a
 * file that is not text at all), then FlattenJob, the sessions re-run and the daily chain (catalog,
 * aggregates, compaction) run through spark-submit on the job jar; the tables are created by Spark
 * SQL in the Hive metastore, the views and saved queries run verbatim on Trino, and each view's
 * answer is compared with one computed here from what was sent. Last, the streaming job itself
 * writes an hour the catalog job never saw, and that hour is read through the catalog at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AthenaEndToEndIT {
  static final Path PROJECT = TestStack.PROJECT_DIR;
  static final QuickSightFiles QUICKSIGHT =
      QuickSightFiles.load(PROJECT.resolve("quicksight"), QuickSightFiles.EXAMPLE);
  static final ObjectMapper JSON = new ObjectMapper();
  static final DateTimeFormatter TRACKER =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  static LocalStack stack;
  static ClickpulseConfig config;
  static List<String> args;
  static List<JsonNode> valid;
  static Map<String, Long> flattenBad;
  static Instant from;
  static Instant to;
  static int runs;

  @BeforeAll
  static void pipeline() throws Exception {
    ClickpulseConfig base =
        ClickpulseConfig.fromArgs(
            "--stack.dir",
            PROJECT.resolve("target/it-athena-stack").toString(),
            "--stack.s3-backend",
            "transient",
            "--stack.athena",
            "true");
    stack =
        LocalStack.start(
            StackConfig.from(base.settings()),
            PROJECT,
            base.aws().staticCredentials().orElseThrow(),
            System.out::println);
    args =
        stack
            .endpoints()
            .before(
                List.of(
                    "--seed.products",
                    "12",
                    "--seed.users",
                    "30",
                    "--seed.orders",
                    "50",
                    "--generate.count",
                    "600",
                    "--generate.rate",
                    "0",
                    "--generate.seed",
                    "11",
                    "--generate.malformed-share",
                    "0.04",
                    "--generate.duplicate-share",
                    "0.04",
                    "--generate.late-share",
                    "0.04",
                    "--generate.unknown-product-share",
                    "0.03",
                    "--generate.start-time",
                    Instant.now()
                        .minus(Duration.ofHours(2))
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString(),
                    "--compaction.min-age",
                    "1min",
                    "--compaction.min-files",
                    "2",
                    "--compaction.retain-replaced",
                    "0s"));
    config = ClickpulseConfig.fromArgs(args);
    new Bootstrap(config, s -> {}).run();

    // the generator's records, captured instead of sent, archived in the current arrival hour
    List<OutgoingRecord> sent = new ArrayList<>();
    AwsClients clients = new AwsClients(config.aws());
    try (DynamoDbClient dynamo = clients.dynamoDb();
        S3Client s3 = clients.s3()) {
      new ClickstreamGenerator(
              GeneratorConfig.from(config.settings()),
              ProductCatalog.scan(dynamo, config.tables().products()),
              SeedConfig.from(config.settings()).users(),
              (stream, batch) -> {
                sent.addAll(batch);
                return batch.stream().map(r -> Optional.<String>empty()).toList();
              },
              "captured",
              Clock.systemUTC(),
              s -> {})
          .run();
      Instant arrival = Instant.now();
      String hourDir =
          DateTimeFormatter.ofPattern("'raw/year='yyyy'/month='MM'/day='dd'/hour='HH")
              .withZone(ZoneOffset.UTC)
              .format(arrival);
      List<StringBuilder> files =
          List.of(new StringBuilder(), new StringBuilder(), new StringBuilder());
      int i = 0;
      for (OutgoingRecord r : sent) {
        // the stream's line format (sink/RawLine), which holds the non-UTF-8 records too
        files
            .get(i % files.size())
            .append(RawLine.encode(r.data(), r.partitionKey(), String.format("%056d", i), arrival))
            .append('\n');
        i++;
      }
      for (int f = 0; f < files.size(); f++) {
        s3.putObject(
            PutObjectRequest.builder()
                .bucket(config.lake().bucket())
                .key(hourDir + "/archive-" + f + ".txt")
                .build(),
            RequestBody.fromString(files.get(f).toString()));
      }
      // a file that is no text at all: reported line by line, never fatal
      s3.putObject(
          b -> b.bucket(config.lake().bucket()).key(hourDir + "/garbage.bin"),
          RequestBody.fromBytes(
              new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n', (byte) 0xc3, '\n'}));
    }
    valid = distinctValid(sent);
    from =
        valid.stream()
            .map(AthenaEndToEndIT::time)
            .min(Instant::compareTo)
            .orElseThrow()
            .truncatedTo(ChronoUnit.HOURS);
    // the range covers the events' hours and the hour they arrived in (raw/ is by arrival hour)
    to = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));

    submit(
        "io.clickpulse.batch.FlattenJob",
        "--batch.from",
        from.toString(),
        "--batch.to",
        to.toString());
    submit(
        "io.clickpulse.batch.SessionsJob",
        "--sessions.from",
        from.toString(),
        "--sessions.to",
        to.toString());
    submit(
        "io.clickpulse.batch.DailyJob",
        "--batch.from",
        from.toString(),
        "--batch.to",
        to.toString());
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  static void submit(String mainClass, String... jobArgs) throws Exception {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(jobArgs));
    Path log =
        PROJECT.resolve(
            "target/it-athena-"
                + mainClass.substring(mainClass.lastIndexOf('.') + 1)
                + "-"
                + (++runs)
                + ".log");
    Process p = new SparkSubmitLauncher(PROJECT, "local[2]", "2g").start(mainClass, all, log);
    assertThat(p.waitFor()).as(mainClass + " (log: " + log + ")").isZero();
  }

  static List<JsonNode> distinctValid(List<OutgoingRecord> sent) throws Exception {
    Map<String, JsonNode> byClick = new LinkedHashMap<>();
    for (OutgoingRecord r : sent) {
      if (!r.fault().malformed()) {
        JsonNode n = JSON.readTree(r.data());
        byClick.putIfAbsent(n.get("click_id").asText(), n);
      }
    }
    return List.copyOf(byClick.values());
  }

  static Instant time(JsonNode n) {
    return LocalDateTime.parse(n.get("timestamp").asText(), TRACKER).toInstant(ZoneOffset.UTC);
  }

  static QueryResult trino(String sql) {
    try (SqlEngine engine = SqlEngine.from(config.batch(), config.aws())) {
      return engine.execute(sql);
    }
  }

  static Map<String, Long> asCounts(QueryResult r) {
    Map<String, Long> out = new TreeMap<>();
    for (List<String> row : r.rows()) {
      out.merge(
          String.join("|", row.subList(0, row.size() - 1)),
          Long.parseLong(row.get(row.size() - 1)),
          Long::sum);
    }
    return out;
  }

  static Map<String, Long> count(Function<JsonNode, String> key, Predicate<JsonNode> when) {
    return valid.stream()
        .filter(when)
        .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  static String today(String part) {
    return DateTimeFormatter.ofPattern(part).withZone(ZoneOffset.UTC).format(Instant.now());
  }

  @Test
  void eventsViewsEqualTheDistinctValidEventsSent() {
    String day = today("yyyy-MM-dd");
    long todayExpected = valid.stream().filter(n -> time(n).toString().startsWith(day)).count();
    long monthExpected =
        valid.stream().filter(n -> time(n).toString().startsWith(today("yyyy-MM"))).count();
    assertThat(trino("SELECT count(*) FROM events_today").rows().get(0).get(0))
        .isEqualTo(String.valueOf(todayExpected));
    assertThat(trino("SELECT count(*) FROM events_this_month").rows().get(0).get(0))
        .isEqualTo(String.valueOf(monthExpected));
    assertThat(trino("SELECT count(*), count(DISTINCT event_id) FROM events").rows().get(0))
        .containsExactly(String.valueOf(valid.size()), String.valueOf(valid.size()));
    long intent =
        valid.stream()
            .filter(
                n ->
                    n.get("event_name").asText().equals("ViewContent")
                        && n.at("/additional_data/percent_viewed").asDouble() > 60)
            .count();
    assertThat(trino("SELECT count(*) FROM high_intent_views").rows().get(0).get(0))
        .isEqualTo(String.valueOf(intent));
  }

  @Test
  void eventsByCountryAndTopRegionsEqualTheGeoLookupOfWhatWasSent() throws Exception {
    try (GeoIpLookup geo = new GeoIpLookup(config.enrich().geoIpDatabases())) {
      Map<String, Long> byCountry =
          count(
              n ->
                  geo.locate(n.get("user_ip").asText()).map(GeoLocation::country).orElse("unknown")
                      + "|"
                      + n.get("event_name").asText(),
              n -> true);
      assertThat(
              asCounts(
                  trino(
                      "SELECT country, event_name, sum(events) FROM events_by_country GROUP BY 1, 2")))
          .isEqualTo(byCountry);
      Map<String, Long> byRegion =
          count(
              n -> {
                GeoLocation g = geo.locate(n.get("user_ip").asText()).orElseThrow();
                return g.country() + "|" + g.region();
              },
              n -> geo.locate(n.get("user_ip").asText()).map(GeoLocation::region).isPresent());
      assertThat(
              asCounts(trino("SELECT country, region, sum(events) FROM top_regions GROUP BY 1, 2")))
          .isEqualTo(byRegion);
    }
  }

  @Test
  void customerAndProductViewsEqualTheCountsSent() {
    assertThat(asCounts(trino("SELECT user_id, sum(actions) FROM actions_per_customer GROUP BY 1")))
        .isEqualTo(count(n -> n.get("user_id").asText(), n -> true));
    Map<String, Long> funnel =
        count(
            n -> n.at("/additional_data/product_id").asText() + "|" + n.get("event_name").asText(),
            n -> true);
    Map<String, Long> fromView = new TreeMap<>();
    for (List<String> r :
        trino(
                "SELECT product_id, sum(searches), sum(views), sum(add_to_carts), sum(purchases)"
                    + " FROM product_funnel GROUP BY 1")
            .rows()) {
      String[] names = {"Search", "ViewContent", "AddToCart", "Purchase"};
      for (int i = 0; i < names.length; i++) {
        if (!r.get(i + 1).equals("0")) {
          fromView.put(r.get(0) + "|" + names[i], Long.parseLong(r.get(i + 1)));
        }
      }
    }
    assertThat(fromView).isEqualTo(funnel);
    // demand vs price covers the catalog's products only (an unknown product has no price)
    Map<String, Long> known =
        count(
            n -> n.at("/additional_data/product_id").asText(),
            n ->
                n.get("event_name").asText().equals("ViewContent")
                    && n.at("/additional_data/product_id").asLong() < 101_000);
    assertThat(
            asCounts(
                trino(
                    "SELECT product_id, sum(views) FROM product_demand_vs_price GROUP BY 1 HAVING sum(views) > 0")))
        .isEqualTo(known);
  }

  @Test
  void lastSearchPerUserHasTheUsersName() {
    Map<String, String> names =
        SeedData.generate(SeedConfig.from(config.settings()), Instant.now()).users().stream()
            .collect(Collectors.toMap(User::userId, User::name));
    Map<String, Instant> latest = new TreeMap<>();
    valid.stream()
        .filter(n -> n.get("event_name").asText().equals("Search"))
        .forEach(
            n -> latest.merge(n.get("user_id").asText(), time(n), (a, b) -> a.isAfter(b) ? a : b));
    Map<String, String> expected = new TreeMap<>();
    latest.forEach((u, t) -> expected.put(u, t.toString()));
    Map<String, String> actual = new TreeMap<>();
    for (List<String> r :
        trino("SELECT user_id, user_name, to_iso8601(last_search_time) FROM last_search_per_user")
            .rows()) {
      assertThat(r.get(1)).as("name of user " + r.get(0)).isEqualTo(names.get(r.get(0)));
      actual.put(r.get(0), LocalDateTime.parse(r.get(2)).toInstant(ZoneOffset.UTC).toString());
    }
    expected.replaceAll((u, t) -> Instant.parse(t).truncatedTo(ChronoUnit.MILLIS).toString());
    actual.replaceAll((u, t) -> Instant.parse(t).truncatedTo(ChronoUnit.MILLIS).toString());
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void everyEventIsInExactlyOneSession() {
    assertThat(trino("SELECT sum(events) FROM sessions_by_duration").rows().get(0).get(0))
        .isEqualTo(String.valueOf(valid.size()));
    assertThat(
            trino("SELECT sum(events), count(DISTINCT session_id) FROM sessions")
                .rows()
                .get(0)
                .get(0))
        .isEqualTo(String.valueOf(valid.size()));
    String todaySessions = trino("SELECT count(*) FROM sessions_today").rows().get(0).get(0);
    assertThat(
            trino(
                    "SELECT coalesce(sum(sessions), 0) FROM sessions_by_duration WHERE day = current_date")
                .rows()
                .get(0)
                .get(0))
        .isEqualTo(todaySessions);
  }

  @Test
  void flattenReportedTheMalformedLinesAndTheGarbageFile() {
    Map<String, Long> bad =
        asCounts(
            trino("SELECT reason, count(*) FROM bad_records WHERE source = 'flatten' GROUP BY 1"));
    assertThat(bad).containsKeys("not_json", "missing_field", "wrong_type", "not_utf8");
    assertThat(
            trino("SELECT count(*) FROM raw_events_parsed WHERE NOT is_json").rows().get(0).get(0))
        .isNotEqualTo("0");
  }

  @Test
  void compactionLeftFewerFilesAndEveryRowOnceAndEveryJobCanRunAgain() throws Exception {
    List<String> views =
        List.of(
            "SELECT count(*), count(DISTINCT event_id) FROM events",
            "SELECT country, event_name, sum(events) FROM events_by_country GROUP BY 1, 2 ORDER BY 1, 2",
            "SELECT sum(sessions), sum(events) FROM sessions_by_duration",
            "SELECT user_id, sum(actions) FROM actions_per_customer GROUP BY 1 ORDER BY 1");
    List<QueryResult> before = views.stream().map(AthenaEndToEndIT::trino).toList();
    List<String> locations =
        trino("SELECT DISTINCT regexp_replace(\"$path\", '/[^/]*$', '') FROM events")
            .rows()
            .stream()
            .map(r -> r.get(0))
            .toList();
    assertThat(locations)
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains("/compacted/events/"));
    assertThat(trino("SELECT count(DISTINCT \"$path\") FROM events").rows().get(0).get(0))
        .isEqualTo(String.valueOf(locations.size())); // one file per compacted hour

    submit(
        "io.clickpulse.batch.FlattenJob",
        "--batch.from",
        from.toString(),
        "--batch.to",
        to.toString());
    submit(
        "io.clickpulse.batch.DailyJob",
        "--batch.from",
        from.toString(),
        "--batch.to",
        to.toString());
    List<QueryResult> after = views.stream().map(AthenaEndToEndIT::trino).toList();
    assertThat(after).isEqualTo(before);
  }

  @Test
  void quickSightDataSetsReadColumnsTheirViewsHave() {
    QuickSightFiles files = QUICKSIGHT;
    Map<String, List<String>> compatible =
        Map.of(
            "STRING",
            List.of("varchar"),
            "INTEGER",
            List.of("bigint", "integer"),
            "DECIMAL",
            List.of("double", "decimal", "real"),
            "DATETIME",
            List.of("date", "timestamp"),
            "BOOLEAN",
            List.of("boolean"));
    files
        .dataSets()
        .forEach(
            (name, ds) -> {
              Map<String, String> viewColumns = new TreeMap<>();
              trino("DESCRIBE " + QuickSightFiles.view(ds))
                  .rows()
                  .forEach(r -> viewColumns.put(r.get(0), r.get(1)));
              QuickSightFiles.columns(ds)
                  .forEach(
                      (column, type) -> {
                        assertThat(viewColumns).as(name + " view columns").containsKey(column);
                        assertThat(compatible.get(type))
                            .as(name + "." + column + " " + type + " vs " + viewColumns.get(column))
                            .anySatisfy(t -> assertThat(viewColumns.get(column)).startsWith(t));
                      });
            });
  }

  @Test
  void theDashboardPreviewPlotsTheQueriedValuesInChromium() throws Exception {
    QuickSightFiles files = QUICKSIGHT;
    Path page = PROJECT.resolve("target/it-dashboard/index.html");
    DashboardPreview.Rendered rendered;
    try (SqlEngine engine = SqlEngine.from(config.batch(), config.aws())) {
      rendered =
          DashboardPreview.render(
              files, engine, PROJECT.resolve("src/local-stack/node_modules"), page);
    }
    Path profile = Files.createTempDirectory("chromium-profile");
    try {
      checkPlottedValuesAndScreenshot(files, rendered, page, profile);
    } finally {
      try {
        FileTrees.delete(profile);
      } catch (UncheckedIOException e) {
        // a helper process of chromium still writing into its temp profile: not the test's concern
      }
    }
  }

  private static void checkPlottedValuesAndScreenshot(
      QuickSightFiles files, DashboardPreview.Rendered rendered, Path page, Path profile)
      throws Exception {
    boolean spansMidnight =
        !from.atZone(ZoneOffset.UTC).toLocalDate().equals(LocalDate.now(ZoneOffset.UTC));
    // in New York time: the page shows UTC times whatever the browser's time zone
    String dom = HeadlessChromium.dumpDom(page, profile);
    JsonNode report = PreviewPageCheck.renderReport(dom);
    assertThat(report.has("error")).as(report.toString()).isFalse();
    assertThat(report.size()).isEqualTo(files.visuals().size());
    rendered
        .results()
        .forEach(
            (visual, result) -> {
              JsonNode r = report.get(visual);
              assertThat(r.get("rendered").asBoolean()).as(visual).isTrue();
              // a *_today view is rightly empty when the run's data (the 2 hours before it) lies
              // before midnight
              boolean mayBeEmpty =
                  spansMidnight && rendered.queries().get(visual).dataSet().contains("_today");
              if (!mayBeEmpty) {
                assertThat(result.rows()).as(visual + " has data").isNotEmpty();
              }
              if (!result.rows().isEmpty()
                  && !rendered.queries().get(visual).type().equals("TableVisual")) {
                assertThat(r.get("marks").asInt()).as(visual + " marks").isPositive();
              }
              List<String> plotted = new ArrayList<>();
              r.get("rows").forEach(row -> plotted.add(normalize(row)));
              List<String> queried =
                  result.rows().stream().map(AthenaEndToEndIT::normalize).toList();
              assertThat(plotted).as(visual).containsExactlyInAnyOrderElementsOf(queried);
            });
    // at 1280, 1400 and 1920 px: no sideways scroll, every chart and label inside its card
    Map<Integer, JsonNode> layout = PreviewPageCheck.checkLayout(files, rendered, profile);
    Path png = PROJECT.resolve("target/dashboard-preview.png");
    PreviewPageCheck.screenshotFullPage(rendered, profile, png, 1400, layout.get(1400));
    assertThat(Files.size(png)).isGreaterThan(20_000);
  }

  /** A row as text: numbers compared by value, timestamps (UTC) as epoch ms, nulls as empty. */
  static String normalize(Iterable<?> row) {
    List<String> out = new ArrayList<>();
    for (Object o : row) {
      String v =
          o == null ? "" : o instanceof JsonNode n ? (n.isNull() ? "" : n.asText()) : o.toString();
      if (v.startsWith("epoch:")) {
        v = v.substring(6);
      } else if (v.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)?")) {
        v =
            String.valueOf(
                LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli());
      } else if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
        v =
            String.valueOf(
                LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
      } else if (v.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?")) {
        v = new BigDecimal(v).stripTrailingZeros().toPlainString();
      }
      out.add(v);
    }
    return String.join("|", out);
  }

  @Test
  void everySavedQueryRunsVerbatim() {
    for (AthenaDdl.Statement q :
        AthenaDdl.load(Optional.of(PROJECT.resolve("athena-ddl").toString())).queries()) {
      QueryResult r = trino(q.sql());
      assertThat(r.columns()).as(q.name()).isNotEmpty();
    }
    assertThat(trino("SELECT count(*) FROM raw_events").rows().get(0).get(0)).isNotEqualTo("0");
  }

  /**
   * Issue #14: the streaming job registers the partitions its batches open, so an hour it writes
   * after the catalog job ran is in the events table and events_today within a batch, with no
   * catalog run in between. Runs last: its events are not in the other tests' known answers.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void anHourTheStreamingJobOpensIsQueryableWithoutAnotherCatalogRun() throws Exception {
    // an hour of today (else of the last six) that the catalog job did not register
    Set<Instant> registered = new TreeSet<>();
    for (List<String> r :
        trino("SELECT year, month, day, hour FROM \"events$partitions\"").rows()) {
      registered.add(
          Instant.parse(r.get(0) + "-" + r.get(1) + "-" + r.get(2) + "T" + r.get(3) + ":00:00Z"));
    }
    assertThat(registered).isNotEmpty();
    Instant current = Instant.now().truncatedTo(ChronoUnit.HOURS);
    List<Instant> free = new ArrayList<>();
    for (int k = 0; k <= 6; k++) {
      Instant h = current.minus(Duration.ofHours(k));
      if (!registered.contains(h)) {
        free.add(h);
      }
    }
    assertThat(free)
        .as("an hour without a partition (registered: " + registered + ")")
        .isNotEmpty();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant hour =
        free.stream()
            .filter(h -> h.atZone(ZoneOffset.UTC).toLocalDate().equals(today))
            .findFirst()
            .orElse(free.get(0));

    // a few shoppers in that hour, sent to the stack's Kinesis stream (and kept, for the answer)
    List<OutgoingRecord> sent = new ArrayList<>();
    AwsClients clients = new AwsClients(config.aws());
    try (KinesisClient kinesis = clients.kinesis();
        DynamoDbClient dynamo = clients.dynamoDb()) {
      ClickpulseConfig g =
          TestStack.plus(
              config,
              "--generate.count",
              "20",
              "--generate.seed",
              "14",
              "--generate.start-time",
              hour.plus(Duration.ofMinutes(1)).toString(),
              "--generate.malformed-share",
              "0",
              "--generate.duplicate-share",
              "0",
              "--generate.late-share",
              "0");
      KinesisPutRecords put = new KinesisPutRecords(kinesis);
      new ClickstreamGenerator(
              GeneratorConfig.from(g.settings()),
              ProductCatalog.scan(dynamo, config.tables().products()),
              SeedConfig.from(config.settings()).users(),
              (stream, batch) -> {
                sent.addAll(batch);
                return put.putRecords(stream, batch);
              },
              config.stream().name(),
              Clock.systemUTC(),
              s -> {})
          .run();
    }
    List<JsonNode> streamed = distinctValid(sent);
    long inHour =
        streamed.stream().filter(n -> time(n).truncatedTo(ChronoUnit.HOURS).equals(hour)).count();
    assertThat(inHour).isPositive();
    var h = hour.atZone(ZoneOffset.UTC);
    String where =
        String.format(
            "year = '%04d' AND month = '%02d' AND day = '%02d' AND hour = '%02d'",
            h.getYear(), h.getMonthValue(), h.getDayOfMonth(), h.getHour());

    List<String> jobArgs = new ArrayList<>(TestTraffic.jobArguments(config));
    jobArgs.addAll(
        List.of(
            "--streaming.trigger-interval",
            "2s",
            "--streaming.batch-log",
            PROJECT.resolve("target/it-athena-streaming-batches.jsonl").toString()));
    Path log = PROJECT.resolve("target/it-athena-StreamingJob.log");
    Process job =
        new SparkSubmitLauncher(PROJECT, "local[2]", "2g")
            .start("io.clickpulse.streaming.StreamingJob", jobArgs, log);
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      String seen = "0";
      while (!seen.equals(String.valueOf(inHour))) {
        assertThat(job.isAlive()).as("streaming job alive (log: " + log + ")").isTrue();
        assertThat(System.nanoTime() < deadline)
            .as(
                "events of "
                    + hour
                    + " in Trino: "
                    + seen
                    + " of "
                    + inHour
                    + " (log: "
                    + log
                    + ")")
            .isTrue();
        Thread.sleep(2000);
        seen = trino("SELECT count(*) FROM events WHERE " + where).rows().get(0).get(0);
      }
    } finally {
      job.destroy(); // SIGTERM: the job stops after its running batch
      if (!job.waitFor(60, TimeUnit.SECONDS)) {
        job.destroyForcibly();
      }
    }
    // every event once: what the batch jobs wrote and what the stream added, no catalog run between
    assertThat(trino("SELECT count(*), count(DISTINCT event_id) FROM events").rows().get(0))
        .containsExactly(
            String.valueOf(valid.size() + streamed.size()),
            String.valueOf(valid.size() + streamed.size()));
    String day = today("yyyy-MM-dd");
    long todayExpected =
        valid.stream().filter(n -> time(n).toString().startsWith(day)).count()
            + streamed.stream().filter(n -> time(n).toString().startsWith(day)).count();
    assertThat(trino("SELECT count(*) FROM events_today").rows().get(0).get(0))
        .isEqualTo(String.valueOf(todayExpected));
  }
}
