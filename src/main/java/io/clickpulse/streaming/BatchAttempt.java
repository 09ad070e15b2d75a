package io.clickpulse.streaming;

import io.clickpulse.sink.BatchAttempts;
import java.util.Collection;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/** This attempt of a batch id, in the query's {@link BatchAttempts} record. */
record BatchAttempt(BatchAttempts attempts, Configuration hadoop, long batchId) {

  static BatchAttempt of(BatchAttempts attempts, CachedBatch batch) {
    return new BatchAttempt(attempts, batch.hadoop(), batch.id());
  }

  /**
   * Records the folders this attempt writes and deletes what an earlier attempt wrote into any
   * folder (a replay can read other records, so it would not overwrite them all). Returns the
   * number of files deleted.
   */
  int removeEarlierFiles(BatchFiles files) {
    return attempts.removeEarlierFiles(hadoop, batchId, files.sinks(), files.folders());
  }

  /**
   * Records the entries this attempt writes to {@code output}; returns what earlier attempts
   * recorded.
   */
  Set<String> record(String output, Collection<String> entries) {
    return attempts.record(hadoop, batchId, output, entries);
  }
}
