package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Spreads a struct-valued UDF's result into top-level columns. The struct is one column first, so
 * the UDF runs once per row, not once per field.
 */
final class StructColumns {
  private static final String TMP = "_enrich_result";

  private StructColumns() {}

  /**
   * names.get(i) ← field i of the struct, replacing a column of that name in place or appended in
   * order (withColumns(Map) would not keep the order); with a null struct, typed null columns.
   */
  static Dataset<Row> spread(
      Dataset<Row> events, Column struct, StructType type, List<String> names) {
    Map<String, Column> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      var f = type.fields()[i];
      out.put(
          names.get(i),
          (struct == null ? lit(null).cast(f.dataType()) : col(TMP + "." + f.name()))
              .as(names.get(i)));
    }
    Dataset<Row> in = struct == null ? events : events.withColumn(TMP, struct);
    List<Column> select = new ArrayList<>();
    for (String c : events.columns()) {
      Column replaced = out.remove(c);
      select.add(replaced != null ? replaced : col(c));
    }
    select.addAll(out.values());
    return in.select(select.toArray(Column[]::new));
  }
}
