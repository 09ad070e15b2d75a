package io.clickpulse.athena;

import java.util.ArrayList;
import java.util.List;

/** Column names and rows of a statement's result, every value as text (null stays null). */
public record QueryResult(List<String> columns, List<List<String>> rows) {
  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** The rows as an aligned text table, as `clickpulse query` prints it. */
  public String toTable() {
    int[] width = new int[columns.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = columns.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], String.valueOf(r.get(i)).length());
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, columns, width);
    List<String> rule = new ArrayList<>();
    for (int w : width) {
      rule.add("-".repeat(w));
    }
    line(b, rule, width);
    for (List<String> r : rows) {
      line(b, r, width);
    }
    b.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)");
    return b.toString();
  }

  private static void line(StringBuilder b, List<String> cells, int[] width) {
    for (int i = 0; i < cells.size(); i++) {
      String v = String.valueOf(cells.get(i));
      b.append(i == 0 ? "" : " | ").append(v).append(" ".repeat(width[i] - v.length()));
    }
    b.append('\n');
  }
}
