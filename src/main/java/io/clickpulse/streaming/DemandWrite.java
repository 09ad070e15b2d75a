package io.clickpulse.streaming;

import io.clickpulse.aggregate.DemandKey;
import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.aggregate.DemandTotals;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.types.StructType;

/**
 * A batch's partial demand applied to product_demand so that it replaces whatever an earlier
 * attempt of the same batch id wrote: the one demand step of the lake batch (in-batch path) and of
 * the demand query (separate path).
 */
final class DemandWrite implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String OUTPUT = "demand";

  private final Supplier<DemandStore> store;
  private final Duration window;

  DemandWrite(Supplier<DemandStore> store, Duration window) {
    this.store = store;
    this.window = window;
  }

  /** The partials of the batch's accepted events (none: undo what an earlier attempt wrote). */
  DemandStore.Outcome apply(BatchAttempt attempt, List<DemandTotals> partials) {
    List<String> keys = partials.stream().map(p -> p.key().text()).toList();
    List<DemandKey> earlier = attempt.record(OUTPUT, keys).stream().map(DemandKey::parse).toList();
    if (partials.isEmpty() && earlier.isEmpty()) {
      return DemandStore.Outcome.NONE;
    }
    String writer = attempt.writer();
    return store
        .get()
        .apply(partials, earlier, writer == null ? "batch" : writer, attempt.batchId());
  }

  /** The tasks' fold of the partials from wide rows whose flag column {@code when} is true. */
  DemandFold fold(StructType wide, String when) {
    return new DemandFold(wide, when, window);
  }
}
