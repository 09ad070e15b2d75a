package io.clickpulse.dev.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.athena.QueryResult;
import io.clickpulse.athena.SqlEngine;
import io.clickpulse.dev.local.FileTrees;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dashboard preview's layout in headless Chromium, fast and without the stack: every visual of
 * quicksight/definition.json answered with rows made up from its field kinds (two days of hours,
 * long category names, a price missing in some hours), so new visuals are covered as they come.
 * AthenaEndToEndIT runs the same layout check on the demo's data from Trino.
 */
class DashboardPreviewPageTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final QuickSightFiles FILES =
      QuickSightFiles.load(PROJECT.resolve("quicksight"), QuickSightFiles.EXAMPLE);
  private static final LocalDateTime START = LocalDateTime.parse("2026-03-01T00:00:00");
  private static final DateTimeFormatter TRINO_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  @Test
  void thePageFitsCommonWidthsInAnyTimeZoneAndSaysWhereItDiffersFromQuickSight() throws Exception {
    Map<String, QueryResult> answers = new HashMap<>();
    for (Map.Entry<String, JsonNode> v : FILES.visuals()) {
      VisualQuery q = VisualQuery.of(v.getKey(), v.getValue(), FILES);
      answers.put(q.sql(), madeUpRows(q));
    }
    Path page = PROJECT.resolve("target/preview-page-test/index.html");
    DashboardPreview.Rendered rendered;
    try (SqlEngine engine = new AnsweringEngine(answers)) {
      rendered =
          DashboardPreview.render(
              FILES, engine, PROJECT.resolve("src/local-stack/node_modules"), page);
    }
    String html = Files.readString(page);
    assertThat(html.contains("<script type=\"application/json\" id=\"render-report\"></script>"))
        .as("the report's hidden element")
        .isTrue();
    assertThat(html.contains("<pre id=\"render-report\"")).as("a visible report").isFalse();
    Path profile = Files.createTempDirectory("chromium-profile");
    try {
      JsonNode report = PreviewPageCheck.renderReport(HeadlessChromium.dumpDom(page, profile));
      assertThat(report.has("error")).as(report.toString()).isFalse();
      rendered
          .results()
          .forEach(
              (id, r) -> {
                assertThat(report.get(id).get("rendered").asBoolean()).as(id).isTrue();
                assertThat(report.get(id).get("rows")).as(id + " rows").hasSize(r.rows().size());
              });
      // the hour column reaches the page as UTC instants: epoch ms whatever the browser's zone
      JsonNode line = report.get("demand-and-price").get("rows");
      assertThat(line.get(0).get(0).asText())
          .isEqualTo("epoch:" + START.toInstant(ZoneOffset.UTC).toEpochMilli());
      Map<Integer, JsonNode> layout = PreviewPageCheck.checkLayout(FILES, rendered, profile);
      assertThat(layout.get(1280).get("cards").get("demand-and-price").get("timeTicks").size())
          .as("time labels on the line chart at 1280 px")
          .isBetween(2, 12);
      Path png = PROJECT.resolve("target/preview-page-test/page.png");
      PreviewPageCheck.screenshotFullPage(rendered, profile, png, 1400, layout.get(1400));
      assertThat(Files.size(png)).isGreaterThan(20_000);
    } finally {
      try {
        FileTrees.delete(profile);
      } catch (UncheckedIOException e) {
        // a helper process of chromium still writing into its temp profile
      }
    }
  }

  @Test
  void aLineShowsMissingDataAsItsAxisSays() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode visual =
        json.readTree(
            """
            {"ChartConfiguration": {
              "Series": [{"FieldSeriesItem": {"FieldId": "price", "AxisBinding": "SECONDARY_YAXIS"}}],
              "PrimaryYAxisDisplayOptions": {
                "MissingDataConfigurations": [{"TreatmentOption": "INTERPOLATE"}]},
              "SecondaryYAxisDisplayOptions": {
                "MissingDataConfigurations": [{"TreatmentOption": "SHOW_AS_ZERO"}]}}}
            """);
    assertThat(VegaLiteSpecs.missingData(visual, "views")).isEqualTo("filter");
    assertThat(VegaLiteSpecs.missingData(visual, "price")).isEqualTo("show");
    assertThat(VegaLiteSpecs.missingData(json.readTree("{}"), "views"))
        .isEqualTo(VegaLiteSpecs.BLANK);
    // the dashboard's own line chart: both lines leave a gap where an hour has no value
    JsonNode demand =
        FILES.visuals().stream()
            .filter(v -> v.getValue().path("VisualId").asText().equals("demand-and-price"))
            .findFirst()
            .orElseThrow()
            .getValue();
    assertThat(VegaLiteSpecs.missingData(demand, "demand-price")).isEqualTo(VegaLiteSpecs.BLANK);
    assertThat(VegaLiteSpecs.missingData(demand, "demand-views")).isEqualTo(VegaLiteSpecs.BLANK);
  }

  @Test
  void aDateThatIsNotTrinosTextIsAClearError() {
    assertThat(DashboardPreview.utcInstant("2026-03-01 05:00:00.000"))
        .isEqualTo("2026-03-01T05:00:00Z");
    assertThat(DashboardPreview.utcInstant("2026-03-01")).isEqualTo("2026-03-01T00:00:00Z");
    assertThatThrownBy(() -> DashboardPreview.utcInstant("yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("yesterday");
  }

  /**
   * Rows shaped like the visual's query: 48 hours, three of them without a row, for a date
   * dimension, 30 long names for a category (the first dimension), numbers for measures, and every
   * second measure of a line chart missing in a few hours.
   */
  static QueryResult madeUpRows(VisualQuery q) {
    List<String> columns = new ArrayList<>();
    q.dimensions().forEach(d -> columns.add(d.id()));
    q.measures().forEach(m -> columns.add(m.id()));
    boolean byTime = !q.dimensions().isEmpty() && q.dimensions().get(0).isDate();
    int n = q.type().equals("HistogramVisual") ? 80 : byTime ? 48 : 30;
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (byTime && i % 17 == 9) {
        continue; // an hour with no row at all
      }
      List<String> row = new ArrayList<>();
      for (int d = 0; d < q.dimensions().size(); d++) {
        VisualQuery.Field f = q.dimensions().get(d);
        row.add(
            f.isDate()
                ? TRINO_TIMESTAMP.format(START.plus(Duration.ofHours(i)))
                : (d == 0 ? "A rather long " + f.column() + " name, number " : f.column() + " ")
                    + (i + 1));
      }
      for (int m = 0; m < q.measures().size(); m++) {
        boolean missing = m % 2 == 1 && q.type().equals("LineChartVisual") && i % 11 == 5;
        row.add(missing ? null : String.valueOf(m == 0 ? 5 + (i * 37) % 200 : 300 + (i * 13) % 90));
      }
      rows.add(row);
    }
    return new QueryResult(columns, rows);
  }

  /** Answers each query with its given rows; a query it was not given is a test error. */
  private record AnsweringEngine(Map<String, QueryResult> answers) implements SqlEngine {
    @Override
    public QueryResult execute(String sql) {
      QueryResult r = answers.get(sql);
      if (r == null) {
        throw new IllegalStateException("no answer for " + sql);
      }
      return r;
    }

    @Override
    public void close() {}
  }
}
