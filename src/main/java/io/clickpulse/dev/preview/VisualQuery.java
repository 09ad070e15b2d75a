package io.clickpulse.dev.preview;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query a QuickSight visual asks of its data set, as Athena SQL on the view behind it:
 * dimensions grouped (dates truncated to their granularity), measures aggregated, the visual's sort
 * and item limit, and the date filters that apply to it. A histogram reads raw values.
 */
public record VisualQuery(
    String visualId,
    String type,
    String dataSet,
    List<Field> dimensions,
    List<Field> measures,
    String sql) {

  /**
   * A field well entry: its id, column, the SQL expression that computes it, and for a date
   * dimension its granularity (HOUR, DAY, …; null for other fields).
   */
  public record Field(String id, String column, String expression, String dateGranularity) {
    public Field(String id, String column, String expression) {
      this(id, column, expression, null);
    }

    public boolean isDate() {
      return dateGranularity != null;
    }
  }

  private static final Map<String, String> AGGREGATIONS =
      Map.of(
          "SUM",
          "sum",
          "AVERAGE",
          "avg",
          "MIN",
          "min",
          "MAX",
          "max",
          "COUNT",
          "count",
          "DISTINCT_COUNT",
          "count_distinct");

  public static VisualQuery of(String type, JsonNode visual, QuickSightFiles files) {
    JsonNode wells = visual.path("ChartConfiguration").path("FieldWells").elements().next();
    List<Field> dims = new ArrayList<>();
    List<Field> measures = new ArrayList<>();
    String dataSet = null;
    for (var well : (Iterable<Map.Entry<String, JsonNode>>) wells::fields) {
      for (JsonNode entry : well.getValue()) {
        var f = entry.fields().next();
        JsonNode field = f.getValue();
        String column = field.path("Column").path("ColumnName").asText();
        dataSet = field.path("Column").path("DataSetIdentifier").asText();
        String id = field.path("FieldId").asText();
        switch (f.getKey()) {
          case "CategoricalDimensionField", "NumericalDimensionField" ->
              dims.add(new Field(id, column, quote(column)));
          case "DateDimensionField" -> {
            String granularity = field.path("DateGranularity").asText("DAY");
            dims.add(
                new Field(
                    id,
                    column,
                    "date_trunc('" + granularity.toLowerCase() + "', " + quote(column) + ")",
                    granularity));
          }
          case "NumericalMeasureField" -> {
            String agg =
                AGGREGATIONS.getOrDefault(
                    field
                        .path("AggregationFunction")
                        .path("SimpleNumericalAggregation")
                        .asText("SUM"),
                    "sum");
            measures.add(
                new Field(
                    id,
                    column,
                    type.equals("HistogramVisual")
                        ? quote(column)
                        : agg.equals("count_distinct")
                            ? "count(DISTINCT " + quote(column) + ")"
                            : agg + "(" + quote(column) + ")"));
          }
          default ->
              throw new IllegalArgumentException(
                  type + ": field kind " + f.getKey() + " is not previewed");
        }
      }
    }
    String view = QuickSightFiles.view(files.dataSets().get(dataSet));
    StringBuilder sql = new StringBuilder("SELECT ");
    List<String> select = new ArrayList<>();
    dims.forEach(d -> select.add(d.expression() + " AS " + quote(d.id())));
    measures.forEach(m -> select.add(m.expression() + " AS " + quote(m.id())));
    sql.append(String.join(", ", select)).append(" FROM ").append(view);
    List<String> where = dateFilters(files, visual.path("VisualId").asText(), dataSet);
    if (type.equals("HistogramVisual")) {
      measures.forEach(m -> where.add(quote(m.column()) + " IS NOT NULL"));
    }
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    if (!type.equals("HistogramVisual") && !dims.isEmpty()) {
      List<String> groups = new ArrayList<>();
      for (int i = 1; i <= dims.size(); i++) {
        groups.add(String.valueOf(i));
      }
      sql.append(" GROUP BY ").append(String.join(", ", groups));
    }
    JsonNode sort = visual.path("ChartConfiguration").path("SortConfiguration");
    List<String> order = new ArrayList<>();
    for (JsonNode s : sort.findValues("FieldSort")) {
      order.add(quote(s.path("FieldId").asText()) + " " + s.path("Direction").asText("ASC"));
    }
    dims.forEach(d -> order.add(quote(d.id())));
    if (!type.equals("HistogramVisual")) {
      sql.append(" ORDER BY ").append(String.join(", ", order));
    }
    JsonNode limit = sort.path("CategoryItemsLimit").path("ItemsLimit");
    if (limit.isNumber()) {
      sql.append(" LIMIT ").append(limit.asInt());
    }
    return new VisualQuery(
        visual.path("VisualId").asText(), type, dataSet, dims, measures, sql.toString());
  }

  /** RelativeDatesFilter "last N days" scoped to this visual, on its data set. */
  private static List<String> dateFilters(QuickSightFiles files, String visualId, String dataSet) {
    List<String> out = new ArrayList<>();
    for (JsonNode group : files.definition().path("FilterGroups")) {
      boolean scoped =
          QuickSightFiles.valuesOf(group.path("ScopeConfiguration"), "VisualIds")
              .contains(visualId);
      for (JsonNode f : group.path("Filters")) {
        JsonNode r = f.path("RelativeDatesFilter");
        if (scoped
            && r.path("Column").path("DataSetIdentifier").asText().equals(dataSet)
            && r.path("RelativeDateType").asText().equals("LAST")
            && r.path("TimeGranularity").asText().equals("DAY")) {
          out.add(
              "CAST("
                  + quote(r.path("Column").path("ColumnName").asText())
                  + " AS date) > current_date - INTERVAL '"
                  + r.path("RelativeDateValue").asInt()
                  + "' DAY");
        }
      }
    }
    return out;
  }

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
