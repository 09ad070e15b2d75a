package io.clickpulse.sink;

import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * Told by a {@link SinglePassWrite} task of each partition folder before its first file there, so
 * that a replay of the batch finds every file this attempt may leave behind ({@link
 * BatchAttempts#openedFolders}).
 */
public interface OpenedFolders extends Serializable {
  void opening(Configuration hadoop, String dataset, String folder, int partition)
      throws IOException;

  /** Tells no one (a write outside a query, which no replay follows). */
  OpenedFolders NONE = (hadoop, dataset, folder, partition) -> {};
}
