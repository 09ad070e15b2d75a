package io.clickpulse.streaming;

import io.clickpulse.aggregate.DemandStore;

/**
 * What writing a batch's outputs did, for its log: the earlier attempt's files removed and the
 * demand written.
 */
record BatchOutputs(int earlierFilesRemoved, Demand demand) {

  /**
   * The demand step: its outcome, and when pricing could read it (epoch ms; 0 when it did not run).
   */
  record Demand(DemandStore.Outcome outcome, long visibleMs) {
    static Demand visibleNow(DemandStore.Outcome outcome) {
      return new Demand(outcome, System.currentTimeMillis());
    }
  }
}
