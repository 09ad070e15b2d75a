package io.clickpulse.streaming;

/**
 * One micro-batch of the streaming query, as its batch log line and its driver log line show it:
 * what it read, what it wrote and how long it took.
 */
record BatchSummary(
    long batchId,
    BatchCounts counts,
    double[] arrivalDecilesMs,
    BatchOutputs outputs,
    long millis) {

  /** The driver log line; {@code steps} times the batch's steps. */
  String describe(StepTimer steps) {
    var demand = outputs.demand().outcome();
    return "batch "
        + batchId
        + ": "
        + counts.good()
        + " events, "
        + counts.bad()
        + " bad records "
        + counts.byStatus()
        + ", "
        + counts.highIntent()
        + " high-intent, demand items "
        + demand.written()
        + " written ("
        + demand.replayed()
        + " replayed, "
        + demand.reverted()
        + " reverted), "
        + outputs.earlierFilesRemoved()
        + " files of an earlier attempt removed, "
        + millis
        + " ms "
        + steps;
  }
}
