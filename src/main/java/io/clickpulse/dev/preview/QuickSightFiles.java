package io.clickpulse.dev.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The dashboards as code in quicksight/: QuickSight API request bodies (CreateDataSource,
 * CreateDataSet per Athena view, CreateAnalysis, CreateDashboard) with the account, region and
 * principal as ${…} placeholders, and the one Definition the analysis and the dashboard share.
 */
public record QuickSightFiles(
    JsonNode dataSource,
    Map<String, JsonNode> dataSets,
    JsonNode definition,
    JsonNode analysis,
    JsonNode dashboard) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Values that stand in for the placeholders where no account is involved (validation, preview).
   */
  public static final Map<String, String> EXAMPLE =
      Map.of(
          "AWS_ACCOUNT_ID",
          "123456789012",
          "AWS_REGION",
          "us-east-1",
          "QUICKSIGHT_PRINCIPAL_ARN",
          "arn:aws:quicksight:us-east-1:123456789012:user/default/analyst");

  public static QuickSightFiles load(Path dir, Map<String, String> placeholders) {
    Map<String, JsonNode> sets = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir.resolve("data-sets"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        String name = f.getFileName().toString();
        sets.put(name.substring(0, name.length() - 5), read(f, placeholders));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + dir.resolve("data-sets"), e);
    }
    JsonNode definition = read(dir.resolve("definition.json"), placeholders);
    ObjectNode analysis = (ObjectNode) read(dir.resolve("analysis.json"), placeholders);
    analysis.set("Definition", definition.deepCopy());
    ObjectNode dashboard = (ObjectNode) read(dir.resolve("dashboard.json"), placeholders);
    dashboard.set("Definition", definition.deepCopy());
    return new QuickSightFiles(
        read(dir.resolve("data-source.json"), placeholders), sets, definition, analysis, dashboard);
  }

  private static JsonNode read(Path file, Map<String, String> placeholders) {
    try {
      String text = Files.readString(file);
      for (Map.Entry<String, String> p : placeholders.entrySet()) {
        text = text.replace("${" + p.getKey() + "}", p.getValue());
      }
      if (text.contains("${")) {
        throw new IllegalArgumentException(
            file
                + ": a placeholder has no value: "
                + text.substring(
                    text.indexOf("${"), Math.min(text.length(), text.indexOf("${") + 40)));
      }
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /** The Athena view a data set reads. */
  public static String view(JsonNode dataSet) {
    return dataSet
        .get("PhysicalTableMap")
        .elements()
        .next()
        .path("RelationalTable")
        .path("Name")
        .asText();
  }

  /** A data set's input columns, name → QuickSight type, in order. */
  public static Map<String, String> columns(JsonNode dataSet) {
    Map<String, String> out = new LinkedHashMap<>();
    dataSet
        .get("PhysicalTableMap")
        .elements()
        .next()
        .path("RelationalTable")
        .path("InputColumns")
        .forEach(c -> out.put(c.get("Name").asText(), c.get("Type").asText()));
    return out;
  }

  /** The sheets' visuals: each as {type, node}. */
  public List<Map.Entry<String, JsonNode>> visuals() {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    for (JsonNode sheet : definition.path("Sheets")) {
      for (JsonNode v : sheet.path("Visuals")) {
        var e = v.fields().next();
        out.add(Map.entry(e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  /** Every {DataSetIdentifier, ColumnName} under a node. */
  public static List<Map.Entry<String, String>> columnRefs(JsonNode node) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    collect(node, out);
    return out;
  }

  private static void collect(JsonNode n, List<Map.Entry<String, String>> out) {
    if (n.isObject()) {
      if (n.has("DataSetIdentifier") && n.has("ColumnName")) {
        out.add(Map.entry(n.get("DataSetIdentifier").asText(), n.get("ColumnName").asText()));
      }
      n.elements().forEachRemaining(c -> collect(c, out));
    } else if (n.isArray()) {
      n.forEach(c -> collect(c, out));
    }
  }

  /** Every value of a field name anywhere under a node (ids, references). */
  public static List<String> valuesOf(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    node.findValues(field)
        .forEach(
            v -> {
              if (v.isArray()) {
                v.forEach(x -> out.add(x.asText()));
              } else {
                out.add(v.asText());
              }
            });
    return out;
  }
}
