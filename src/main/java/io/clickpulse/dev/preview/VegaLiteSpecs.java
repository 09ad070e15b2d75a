package io.clickpulse.dev.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Vega-Lite spec per QuickSight visual type, on data whose fields are the visual's field ids. */
final class VegaLiteSpecs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VegaLiteSpecs() {}

  static ObjectNode of(VisualQuery q, JsonNode visual) {
    String dim = q.dimensions().isEmpty() ? null : q.dimensions().get(0).id();
    String m0 = q.measures().get(0).id();
    ObjectNode s = JSON.createObjectNode();
    ObjectNode enc = s.putObject("encoding");
    switch (q.type()) {
      case "PieChartVisual" -> {
        s.putObject("mark").put("type", "arc").put("innerRadius", 60);
        enc.set("theta", field(m0, "quantitative"));
        enc.set("color", field(dim, "nominal"));
      }
      case "HistogramVisual" -> {
        s.put("mark", "bar");
        ObjectNode x = field(m0, "quantitative");
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
        s.putObject("encoding").set("x", field(dim, "temporal"));
        var layers = s.putArray("layer");
        for (var m : q.measures()) {
          ObjectNode layer = layers.addObject();
          layer.putObject("mark").put("type", "line").put("point", true);
          layer.putObject("encoding").set("y", field(m.id(), "quantitative"));
        }
        s.putObject("resolve").putObject("scale").put("y", "independent");
      }
      case "TableVisual" -> s.put("mark", "text");
      default -> {
        // bars: bar and funnel charts as they are; filled maps and the tree map as ranked bars
        s.put("mark", "bar");
        enc.set("y", field(dim, "nominal").put("sort", "-x"));
        enc.set("x", field(m0, "quantitative"));
        if (q.measures().size() > 1) {
          enc.set("color", field(q.measures().get(1).id(), "quantitative"));
        }
      }
    }
    return s;
  }

  private static ObjectNode field(String name, String type) {
    return JSON.createObjectNode().put("field", name).put("type", type);
  }
}
