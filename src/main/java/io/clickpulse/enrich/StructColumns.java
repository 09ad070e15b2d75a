package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Spreads a struct-valued UDF's result into top-level columns. The struct is one column first,
 * so the UDF runs once per row, not once per field.
 */
final class StructColumns {
  private static final String TMP = "_enrich_result";

  private StructColumns() {}

  /** names.get(i) ← field i of the struct; with a null struct, typed null columns (enricher off). */
  static Dataset<Row> spread(Dataset<Row> events, Column struct, StructType type, List<String> names) {
    Map<String, Column> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      var f = type.fields()[i];
      out.put(names.get(i), struct == null ? lit(null).cast(f.dataType()) : col(TMP + "." + f.name()));
    }
    if (struct == null) {
      return events.withColumns(out);
    }
    return events.withColumn(TMP, struct).withColumns(out).drop(TMP);
  }
}
