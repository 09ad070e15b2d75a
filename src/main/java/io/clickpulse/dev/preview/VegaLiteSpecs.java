package io.clickpulse.dev.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Vega-Lite spec per QuickSight visual type, on data whose fields are the visual's field ids.
 * Every chart is as wide as its card ({@code width: "container"}); times are on a UTC scale with
 * UTC labels, whatever the browser's time zone; long category labels are cut with an ellipsis.
 */
final class VegaLiteSpecs {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest category or legend label, in pixels, before it is cut with an ellipsis. */
  static final int LABEL_LIMIT = 140;

  /** The Vega-Lite mark.invalid mode that leaves a gap in a line where a value is missing. */
  static final String BLANK = "break-paths-filter-domains";

  private static final int HEIGHT = 260;
  private static final int BAR_STEP = 16;
  private static final List<String> LINE_COLOURS =
      List.of("#4c78a8", "#f58518", "#54a24b", "#e45756", "#b279a2");

  /** UTC label formats (d3-time-format) per QuickSight date granularity. */
  private static final Map<String, String> TIME_FORMATS =
      Map.of(
          "YEAR", "%Y",
          "QUARTER", "%b %Y",
          "MONTH", "%b %Y",
          "WEEK", "%b %d",
          "DAY", "%b %d",
          "HOUR", "%b %d %H:%M",
          "MINUTE", "%H:%M",
          "SECOND", "%H:%M:%S");

  private VegaLiteSpecs() {}

  /**
   * The length of a window of a date granularity of fixed length (SECOND to WEEK), in ms; empty for
   * months, quarters and years.
   */
  static OptionalLong windowMillis(String granularity) {
    return switch (granularity == null ? "" : granularity) {
      case "SECOND" -> OptionalLong.of(1_000L);
      case "MINUTE" -> OptionalLong.of(60_000L);
      case "HOUR" -> OptionalLong.of(3_600_000L);
      case "DAY" -> OptionalLong.of(86_400_000L);
      case "WEEK" -> OptionalLong.of(7 * 86_400_000L);
      default -> OptionalLong.empty();
    };
  }

  /**
   * How the preview draws a visual type differently from QuickSight, said on its card; empty when
   * it draws it as QuickSight does.
   */
  static Optional<String> difference(VisualQuery q) {
    String type = q.type();
    if (q.dimensions().isEmpty() && !type.equals("HistogramVisual")) {
      return type.equals("KPIVisual")
          ? Optional.empty()
          : Optional.of("Drawn here as a number; QuickSight draws a " + typeName(type) + ".");
    }
    return switch (type) {
      case "BarChartVisual",
          "PieChartVisual",
          "LineChartVisual",
          "TableVisual",
          "HistogramVisual" ->
          Optional.empty();
      case "TreeMapVisual" ->
          Optional.of(
              "Drawn here as ranked bars (length: the tile size, colour: the tile colour);"
                  + " QuickSight draws a tree map.");
      default ->
          Optional.of("Drawn here as ranked bars; QuickSight draws a " + typeName(type) + ".");
    };
  }

  /** "FilledMapVisual" → "filled map", "TreeMapVisual" → "tree map". */
  static String typeName(String type) {
    return type.replaceFirst("Visual$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
  }

  static ObjectNode of(VisualQuery q, JsonNode visual) {
    VisualQuery.Field dim = q.dimensions().isEmpty() ? null : q.dimensions().get(0);
    VisualQuery.Field m0 = q.measures().get(0);
    ObjectNode s = JSON.createObjectNode();
    s.put("width", "container");
    s.putObject("autosize").put("type", "fit-x").put("contains", "padding");
    ObjectNode config = s.putObject("config");
    // labels that would touch are left out (every axis), long ones cut with an ellipsis
    config
        .putObject("axis")
        .put("labelOverlap", true)
        .put("labelSeparation", 4)
        .put("labelLimit", LABEL_LIMIT);
    config.putObject("legend").put("labelLimit", LABEL_LIMIT);
    ObjectNode enc = s.putObject("encoding");
    switch (q.type()) {
      case "PieChartVisual" -> {
        s.put("height", HEIGHT);
        s.putObject("mark").put("type", "arc").put("innerRadius", 60);
        enc.set("theta", measure(m0));
        ObjectNode colour = category(dim);
        colour.putObject("legend").put("labelLimit", LABEL_LIMIT).put("orient", "right");
        enc.set("color", colour);
      }
      case "HistogramVisual" -> {
        s.put("height", HEIGHT);
        s.put("mark", "bar");
        ObjectNode x = measure(m0);
        x.putObject("bin")
            .put(
                "step",
                visual
                    .path("ChartConfiguration")
                    .path("BinOptions")
                    .path("BinWidth")
                    .path("Value")
                    .asDouble(10));
        enc.set("x", x);
        enc.putObject("y")
            .put("aggregate", "count")
            .put("type", "quantitative")
            .put("title", "sessions");
      }
      case "LineChartVisual" -> {
        s.put("height", HEIGHT);
        enc.set("x", dim.isDate() ? time(dim) : category(dim));
        var layers = s.putArray("layer");
        for (int i = 0; i < q.measures().size(); i++) {
          VisualQuery.Field m = q.measures().get(i);
          String colour = LINE_COLOURS.get(i % LINE_COLOURS.size());
          ObjectNode layer = layers.addObject();
          ObjectNode mark =
              layer
                  .putObject("mark")
                  .put("type", "line")
                  .put("color", colour)
                  .put("invalid", missingData(visual, m.id()));
          // points large enough to see where a window stands alone between gaps
          mark.putObject("point").put("filled", true).put("size", 60).put("color", colour);
          ObjectNode y = measure(m);
          y.putObject("axis").put("titleColor", colour);
          if (i > 0) {
            y.putObject("scale").put("zero", false);
          }
          layer.putObject("encoding").set("y", y);
        }
        s.putObject("resolve").putObject("scale").put("y", "independent");
      }
      case "TableVisual" -> s.put("mark", "text");
      default -> {
        if (dim == null) {
          // a KPI (or any visual with no dimension): its one number
          s.put("height", 80);
          s.putObject("mark")
              .put("type", "text")
              .put("fontSize", 36)
              .put("fontWeight", "bold")
              .put("align", "left")
              .put("x", 0);
          enc.set("text", measure(m0).put("format", ","));
          return s;
        }
        // bars: bar and funnel charts as they are; filled maps and the tree map as ranked bars
        s.putObject("height").put("step", BAR_STEP);
        s.put("mark", "bar");
        ObjectNode y = category(dim).put("sort", "-x");
        y.putObject("axis").put("labelLimit", LABEL_LIMIT);
        enc.set("y", y);
        enc.set("x", measure(m0));
        if (q.measures().size() > 1) {
          ObjectNode colour = measure(q.measures().get(1));
          colour.putObject("legend").put("orient", "bottom").put("direction", "horizontal");
          enc.set("color", colour);
        }
      }
    }
    return s;
  }

  /**
   * How a line shows a window without a value, as its axis's MissingDataConfigurations say
   * (SHOW_AS_BLANK, the default here: a gap; INTERPOLATE: the line goes on to the next value;
   * SHOW_AS_ZERO: a drop to 0), as a Vega-Lite mark.invalid mode.
   */
  static String missingData(JsonNode visual, String fieldId) {
    JsonNode config = visual.path("ChartConfiguration");
    boolean secondary = false;
    for (JsonNode s : config.path("Series")) {
      JsonNode item = s.path("FieldSeriesItem");
      if (item.path("FieldId").asText().equals(fieldId)) {
        secondary = item.path("AxisBinding").asText().equals("SECONDARY_YAXIS");
      }
    }
    JsonNode options =
        config.path(secondary ? "SecondaryYAxisDisplayOptions" : "PrimaryYAxisDisplayOptions");
    String treatment =
        options.path("MissingDataConfigurations").path(0).path("TreatmentOption").asText();
    return switch (treatment) {
      case "INTERPOLATE" -> "filter";
      case "SHOW_AS_ZERO" -> "show";
      default -> BLANK;
    };
  }

  /** A date dimension on a UTC time scale, its labels in UTC, spaced so that they do not touch. */
  private static ObjectNode time(VisualQuery.Field f) {
    ObjectNode x = field(f.id(), "temporal").put("title", title(f) + " (UTC)");
    x.putObject("scale").put("type", "utc").put("padding", 16);
    x.putObject("axis")
        .put("format", TIME_FORMATS.getOrDefault(f.dateGranularity(), "%b %d %H:%M"))
        .put("labelAngle", 0)
        .put("labelOverlap", "greedy")
        .put("labelSeparation", 12)
        .set("tickCount", JSON.createObjectNode().put("expr", tickCount(f)));
    return x;
  }

  /**
   * About one time label per 150 px, and no more than one per window (hourly data is labelled on
   * whole hours), as a Vega expression on the chart's width and its time scale "x".
   */
  private static String tickCount(VisualQuery.Field f) {
    String perWidth = "ceil(width / 150)";
    OptionalLong window = windowMillis(f.dateGranularity());
    return window.isEmpty()
        ? perWidth
        : "max(2, min(" + perWidth + ", span(domain('x')) / " + window.getAsLong() + "))";
  }

  private static ObjectNode category(VisualQuery.Field f) {
    return field(f.id(), "nominal").put("title", title(f));
  }

  private static ObjectNode measure(VisualQuery.Field f) {
    return field(f.id(), "quantitative").put("title", title(f));
  }

  /** The column a field reads, as an axis or legend title: "avg_price" → "avg price". */
  private static String title(VisualQuery.Field f) {
    return f.column().replace('_', ' ');
  }

  private static ObjectNode field(String name, String type) {
    return JSON.createObjectNode().put("field", name).put("type", type);
  }
}
