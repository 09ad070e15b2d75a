package io.clickpulse.dev.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.athena.QueryResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard preview as a reader sees it, in headless Chromium (New York time): at each common
 * window width, no sideways scroll, no debug text, every chart and label inside its card, axis
 * labels that do not overlap, time labels that are the UTC times of their ticks, price gaps where a
 * window has no value, and a note on each card the preview draws differently from QuickSight. The
 * page is measured by layout-probe.js, added to a copy of it.
 */
public final class PreviewPageCheck {
  /** Common desktop window widths, in CSS pixels. */
  public static final List<Integer> WIDTHS = List.of(1280, 1400, 1920);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter HOUR_MINUTE =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("dd").withZone(ZoneOffset.UTC);

  private PreviewPageCheck() {}

  /** The JSON the page wrote into its hidden #render-report: what each visual plotted. */
  public static JsonNode renderReport(String dom) throws IOException {
    return jsonElement(dom, "render-report");
  }

  /**
   * Opens the page with the probe at each of {@link #WIDTHS} and asserts how it is laid out;
   * returns the probe's report per width.
   */
  public static Map<Integer, JsonNode> checkLayout(
      QuickSightFiles files, DashboardPreview.Rendered rendered, Path profile) throws Exception {
    Map<String, JsonNode> visuals = new LinkedHashMap<>();
    files.visuals().forEach(v -> visuals.put(v.getValue().path("VisualId").asText(), v.getValue()));
    Path probed = withProbe(rendered.page());
    Map<Integer, JsonNode> out = new LinkedHashMap<>();
    try {
      for (int width : WIDTHS) {
        String dom =
            HeadlessChromium.dumpDom(
                probed, profile, HeadlessChromium.Window.DEFAULT.withWidth(width).withHeight(1000));
        JsonNode render = renderReport(dom);
        assertThat(render.has("error")).as(width + " px: " + render).isFalse();
        JsonNode layout = jsonElement(dom, "layout-report");
        check(visuals, rendered, width, layout);
        out.put(width, layout);
      }
    } finally {
      Files.deleteIfExists(probed);
    }
    return out;
  }

  /** A screenshot of the whole page (a window as tall as the page) at a width. */
  public static void screenshotFullPage(
      DashboardPreview.Rendered rendered, Path profile, Path png, int width, JsonNode layout)
      throws Exception {
    HeadlessChromium.screenshot(
        rendered.page(),
        profile,
        png,
        HeadlessChromium.Window.DEFAULT
            .withWidth(width)
            .withHeight(layout.get("scrollHeight").asInt() + 16));
  }

  private static void check(
      Map<String, JsonNode> visuals,
      DashboardPreview.Rendered rendered,
      int width,
      JsonNode layout) {
    String at = width + " px: ";
    assertThat(layout.get("innerWidth").asInt()).as(at + "window width").isEqualTo(width);
    assertThat(layout.get("scrollWidth").asInt())
        .as(at + "page width (no sideways scroll)")
        .isLessThanOrEqualTo(layout.get("clientWidth").asInt());
    String text = layout.get("visibleText").asText();
    assertThat(text).as(at + "visible text").doesNotContain("\"rendered\"").doesNotContain("{\"");
    JsonNode cards = layout.get("cards");
    assertThat(cards.size()).as(at + "cards").isEqualTo(rendered.queries().size());
    rendered
        .queries()
        .forEach(
            (id, q) -> {
              JsonNode card = cards.get(id);
              String v = at + id + " ";
              assertThat(card).as(v + "card").isNotNull();
              assertThat(card.get("outside")).as(v + "elements outside the card").isEmpty();
              assertThat(card.get("overlapping")).as(v + "overlapping axis labels").isEmpty();
              Optional<String> note = VegaLiteSpecs.difference(q);
              assertThat(Optional.ofNullable(card.get("note").textValue()))
                  .as(v + "note on a visual drawn differently")
                  .isEqualTo(note);
              QueryResult result = rendered.results().get(id);
              if (!q.dimensions().isEmpty() && q.dimensions().get(0).isDate()) {
                checkTimeTicks(v, card.get("timeTicks"), result);
              }
              if (q.type().equals("LineChartVisual") && !result.rows().isEmpty()) {
                checkLines(v, q, visuals.get(id), result, card.get("lines"));
              }
            });
  }

  /** Each time label is the UTC time of its tick; at least two, so the axis can be read. */
  private static void checkTimeTicks(String v, JsonNode ticks, QueryResult result) {
    if (result.rows().size() < 2) {
      return;
    }
    assertThat(ticks.size()).as(v + "time labels " + ticks).isGreaterThanOrEqualTo(2);
    for (JsonNode t : ticks) {
      String label = t.get("label").asText();
      // the label's tick, to the minute
      Instant at = Instant.ofEpochMilli(Math.round(t.get("epoch").asDouble() / 60_000d) * 60_000);
      String expected = label.contains(":") ? HOUR_MINUTE.format(at) : DAY.format(at);
      assertThat(label).as(v + "label of the tick at " + at + " (UTC)").contains(expected);
    }
  }

  /**
   * Per measure whose missing data is shown as blank, one point per window with a value, and a
   * break in the line where a window between two others has none (not a drop to 0).
   */
  private static void checkLines(
      String v, VisualQuery q, JsonNode visual, QueryResult result, JsonNode lines) {
    assertThat(lines.size()).as(v + "lines").isEqualTo(q.measures().size());
    for (int m = 0; m < q.measures().size(); m++) {
      if (!VegaLiteSpecs.missingData(visual, q.measures().get(m).id())
          .equals(VegaLiteSpecs.BLANK)) {
        continue;
      }
      int column = q.dimensions().size() + m;
      List<Boolean> has = result.rows().stream().map(r -> r.get(column) != null).toList();
      long points = has.stream().filter(b -> b).count();
      String measure = v + q.measures().get(m).id() + " ";
      assertThat(lines.get(m).get("points").asLong()).as(measure + "points").isEqualTo(points);
      int first = has.indexOf(true);
      int last = has.lastIndexOf(true);
      boolean gap =
          first >= 0 && (has.subList(first, last + 1).contains(false) || windowMissing(q, result));
      if (gap) {
        assertThat(lines.get(m).get("segments").asInt())
            .as(measure + "line broken where a window has no value")
            .isGreaterThan(1);
      }
    }
  }

  /** Whether two rows of a time series are more than one window apart. */
  private static boolean windowMissing(VisualQuery q, QueryResult result) {
    VisualQuery.Field time = q.dimensions().get(0);
    var window = VegaLiteSpecs.windowMillis(time.dateGranularity());
    if (!time.isDate() || window.isEmpty()) {
      return false;
    }
    List<Long> at =
        result.rows().stream()
            .map(r -> Instant.parse(DashboardPreview.utcInstant(r.get(0))).toEpochMilli())
            .sorted()
            .toList();
    for (int i = 1; i < at.size(); i++) {
      if (at.get(i) - at.get(i - 1) > window.getAsLong()) {
        return true;
      }
    }
    return false;
  }

  private static Path withProbe(Path page) throws IOException {
    String probe;
    try (InputStream in = PreviewPageCheck.class.getResourceAsStream("layout-probe.js")) {
      probe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String html = Files.readString(page);
    int end = html.lastIndexOf("</body>");
    Path probed = page.resolveSibling("probed-" + page.getFileName());
    Files.writeString(
        probed, html.substring(0, end) + "<script>\n" + probe + "</script>" + html.substring(end));
    return probed;
  }

  private static JsonNode jsonElement(String dom, String id) throws IOException {
    Matcher m =
        Pattern.compile(
                "<script type=\"application/json\" id=\"" + id + "\">(.*?)</script>",
                Pattern.DOTALL)
            .matcher(dom);
    assertThat(m.find()).as("#" + id + " in the page").isTrue();
    assertThat(m.group(1)).as("#" + id + " written").isNotBlank();
    return JSON.readTree(m.group(1));
  }
}
