package io.clickpulse.streaming;

import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeDataset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file outputs of one batch attempt: per lake dataset, its sink and the partition folders the
 * attempt writes into (from the hours, since the epoch, of the rows' times).
 */
record BatchFiles(Map<String, IdempotentFileSink> sinks, Map<String, List<String>> folders) {

  static BatchFiles none() {
    return new BatchFiles(Map.of(), Map.of());
  }

  /** Adds a dataset with the partition folders (hour or day, as it is declared) of these hours. */
  BatchFiles with(LakeDataset dataset, IdempotentFileSink sink, Collection<Long> hours) {
    return with(dataset.folder(), sink, hours.stream().map(dataset::folderOf).distinct().toList());
  }

  /** Adds a dataset with these partition folders. */
  BatchFiles withFolders(LakeDataset dataset, IdempotentFileSink sink, Collection<String> folders) {
    return with(dataset.folder(), sink, List.copyOf(folders));
  }

  private BatchFiles with(String dataset, IdempotentFileSink sink, List<String> datasetFolders) {
    Map<String, IdempotentFileSink> s = new LinkedHashMap<>(sinks);
    Map<String, List<String>> f = new LinkedHashMap<>(folders);
    s.put(dataset, sink);
    f.put(dataset, datasetFolders);
    return new BatchFiles(s, f);
  }
}
