package io.clickpulse.streaming;

import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.OpenedFolders;
import java.util.Collection;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/** This attempt of a batch id, in the query's {@link BatchAttempts} record. */
record BatchAttempt(BatchAttempts attempts, Configuration hadoop, String writer, long batchId) {

  /** The attempt of the calling query's batch (writer: its query id, null outside a query). */
  static BatchAttempt of(BatchAttempts attempts, CachedBatch batch) {
    return new BatchAttempt(
        attempts,
        batch.hadoop(),
        IdempotentFileSink.writerOf(batch.rows().sparkSession()),
        batch.id());
  }

  /**
   * Records the folders this attempt writes and deletes what an earlier attempt wrote into any
   * folder (a replay can read other records, so it would not overwrite them all). Returns the
   * number of files deleted.
   */
  int removeEarlierFiles(BatchFiles files) {
    return attempts.removeEarlierFiles(hadoop, writer, batchId, files.sinks(), files.folders());
  }

  /**
   * Where this attempt's tasks mark the folders they write outside {@code recorded} (the folders
   * given to {@link #removeEarlierFiles}).
   */
  OpenedFolders openedFolders(BatchFiles recorded) {
    return attempts.openedFolders(batchId, recorded.folders());
  }

  /**
   * Records the entries this attempt writes to {@code output}; returns what earlier attempts
   * recorded.
   */
  Set<String> record(String output, Collection<String> entries) {
    return attempts.record(hadoop, batchId, output, entries);
  }
}
