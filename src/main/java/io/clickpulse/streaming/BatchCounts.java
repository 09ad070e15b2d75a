package io.clickpulse.streaming;

import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import io.clickpulse.sink.TaskFold;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A decoded batch's records by status and reason ({@code ok}, {@code bad:not_json}, …) and its
 * high-intent views: counted by the tasks that write the batch's files ({@link #fold}), not by a
 * Spark job of their own.
 */
record BatchCounts(Map<String, Long> byStatus, long highIntent) {

  /** The counts of the tallied rows, with the high-intent rows the lake pass wrote. */
  static BatchCounts of(Tally tally, long highIntent) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    if (tally.ok > 0) {
      byStatus.put(DecodedSchema.STATUS_OK, tally.ok);
    }
    byStatus.putAll(tally.other);
    return new BatchCounts(byStatus, highIntent);
  }

  /** A fold of the wide rows' status and reason columns. */
  static TaskFold<Tally> fold(StructType wide) {
    return new StatusFold(
        wide.fieldIndex(EventColumns.STATUS), wide.fieldIndex(EventColumns.REASON));
  }

  boolean isEmpty() {
    return byStatus.isEmpty();
  }

  long good() {
    return byStatus.getOrDefault(DecodedSchema.STATUS_OK, 0L);
  }

  long bad() {
    return byStatus.entrySet().stream()
        .filter(e -> e.getKey().startsWith(DecodedSchema.STATUS_BAD))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** One task's (or the merged) counts: accepted records, and every other status:reason. */
  static final class Tally implements Serializable {
    private static final long serialVersionUID = 1L;
    private long ok;
    private final TreeMap<String, Long> other = new TreeMap<>();
  }

  private record StatusFold(int status, int reason) implements TaskFold<Tally> {
    private static final UTF8String OK = UTF8String.fromString(DecodedSchema.STATUS_OK);

    @Override
    public Tally empty() {
      return new Tally();
    }

    @Override
    public void add(Tally tally, InternalRow row) {
      UTF8String s = row.getUTF8String(status);
      if (OK.equals(s) && row.isNullAt(reason)) {
        tally.ok++;
        return;
      }
      String key = s + (row.isNullAt(reason) ? "" : ":" + row.getUTF8String(reason));
      tally.other.merge(key, 1L, Long::sum);
    }

    @Override
    public Tally merge(Tally left, Tally right) {
      left.ok += right.ok;
      right.other.forEach((k, v) -> left.other.merge(k, v, Long::sum));
      return left;
    }
  }
}
