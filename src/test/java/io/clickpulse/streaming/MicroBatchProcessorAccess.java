package io.clickpulse.streaming;

import io.clickpulse.aggregate.DemandTotals;
import org.apache.spark.sql.Row;

/** Test access to the row → totals conversion of the batch processor. */
public final class MicroBatchProcessorAccess {
  private MicroBatchProcessorAccess() {}

  public static DemandTotals totals(Row r) {
    return MicroBatchProcessor.totals(r);
  }
}
