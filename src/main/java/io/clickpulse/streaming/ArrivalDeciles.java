package io.clickpulse.streaming;

import io.clickpulse.event.EventColumns;
import io.clickpulse.sink.TaskFold;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * Arrival times (epoch ms) at 0 %, 10 %, … 100 % of a batch: with the batch's completion time they
 * give how long records took from PutRecords to an output (the freshness figures). Only when asked
 * (streaming.arrival-deciles): the tasks that write the batch collect its arrival times ({@link
 * #fold}), so asking costs no Spark job and no cache of the batch, and the measured batch is the
 * deployed one.
 */
record ArrivalDeciles(boolean enabled) implements Serializable {
  static final double[] NONE = new double[0];
  private static final long MICROS_PER_MILLI = 1000;

  /** The records a batch read, and their deciles (none when not asked or empty). */
  record Arrivals(long records, double[] decilesMs) {
    static final Arrivals NONE = new Arrivals(0, ArrivalDeciles.NONE);
  }

  /** The arrival times (epoch µs) of the rows a task folded, unordered. */
  static final class Times implements Serializable {
    private static final long serialVersionUID = 1L;
    private long[] micros = new long[16];
    private int size;

    void add(long value) {
      if (size == micros.length) {
        micros = Arrays.copyOf(micros, size * 2);
      }
      micros[size++] = value;
    }
  }

  /** Collects the arrival time of every row of {@code rows} (nothing when not asked). */
  TaskFold<Times> fold(StructType rows) {
    int arrival = enabled ? rows.fieldIndex(EventColumns.ARRIVAL_TIME) : -1;
    return new TaskFold<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public Times empty() {
        return new Times();
      }

      @Override
      public void add(Times times, InternalRow row) {
        if (arrival >= 0 && !row.isNullAt(arrival)) {
          times.add(row.getLong(arrival));
        }
      }

      @Override
      public Times merge(Times left, Times right) {
        for (int i = 0; i < right.size; i++) {
          left.add(right.micros[i]);
        }
        return left;
      }
    };
  }

  /** The deciles of the folded times (nearest rank), in epoch ms. */
  Arrivals of(Times times) {
    if (!enabled || times.size == 0) {
      return Arrivals.NONE;
    }
    long[] sorted = Arrays.copyOf(times.micros, times.size);
    Arrays.sort(sorted);
    double[] deciles = new double[11];
    for (int i = 0; i <= 10; i++) {
      int rank = (int) Math.ceil(i / 10.0 * sorted.length) - 1;
      deciles[i] = (double) sorted[Math.max(rank, 0)] / MICROS_PER_MILLI;
    }
    return new Arrivals(times.size, deciles);
  }
}
