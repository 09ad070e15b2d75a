package io.clickpulse.sink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What each attempt of a micro-batch is about to write, recorded beside the query's checkpoint
 * before it writes: the partition folders of each file output, the product_demand keys. The Kinesis
 * source stores only where a batch starts, so a replay of a batch id (after a crash before its
 * commit) reads up to the stream's head again and can hold more or fewer records than the first
 * attempt. With this record a replay finds everything the earlier attempt may have written and
 * replaces it, instead of leaving stale files or counts behind.
 *
 * <p>One small text file per batch and output ({@code <root>/<batch>-<output>}), one entry per
 * line; the record of batch N - {@value #KEEP} is deleted when batch N records its own. A {@link
 * SinglePassWrite}'s tasks find their folders only as they read their rows: a task marks a folder
 * the attempt did not record up front with an empty file ({@code
 * <root>/<batch>-files.d/<dataset>/<folder>/task-<partition>}) before its first file there.
 */
public final class BatchAttempts implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int KEEP = 10;
  private static final String FILES = "files";

  private final String root;

  /** Records under {@code root} (for the streaming job: a folder of its checkpoint). */
  public BatchAttempts(String root) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  /** The checkpoint's folder for these records. */
  public static BatchAttempts inCheckpoint(String checkpoint) {
    return new BatchAttempts(
        (checkpoint.endsWith("/") ? checkpoint : checkpoint + "/") + "clickpulse-attempts");
  }

  /**
   * Records that this attempt of {@code batchId} writes {@code entries} of {@code output}, and
   * returns what earlier attempts of the same batch id recorded (empty on a first attempt). The
   * record keeps both, so a crash during this attempt leaves every entry findable.
   */
  public Set<String> record(
      Configuration hadoop, long batchId, String output, Collection<String> entries) {
    Path file = new Path(root + "/" + batchId + "-" + output);
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      Set<String> earlier = read(fs, file);
      Set<String> all = new LinkedHashSet<>(earlier);
      // written only when it adds something: an attempt that writes nothing (the sessions
      // query's no-data batches, a batch without demand) costs one read, not a write per trigger
      if (all.addAll(entries)) {
        try (OutputStream out = fs.create(file, true)) {
          out.write(String.join("\n", all).getBytes(StandardCharsets.UTF_8));
        }
      }
      if (earlier.isEmpty() && batchId >= KEEP) {
        fs.delete(new Path(root + "/" + (batchId - KEEP) + "-" + output), false);
      }
      return earlier;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "recording what batch " + batchId + " writes to " + output + " in " + root, e);
    }
  }

  /**
   * For the file outputs of a batch (dataset name → its sink): records the partition folders this
   * attempt writes, then deletes the batch's files (of query {@code writer}, as {@link
   * IdempotentFileSink#writerOf} tells) from every folder an earlier attempt recorded. Returns how
   * many files were deleted (0 on a first attempt).
   */
  public int removeEarlierFiles(
      Configuration hadoop,
      String writer,
      long batchId,
      Map<String, IdempotentFileSink> sinks,
      Map<String, ? extends Collection<String>> foldersByDataset) {
    List<String> entries = new ArrayList<>();
    foldersByDataset.forEach(
        (dataset, folders) -> folders.forEach(f -> entries.add(dataset + "\t" + f)));
    Set<String> recorded = record(hadoop, batchId, FILES, entries);
    Set<String> all = new LinkedHashSet<>(recorded);
    try {
      FileSystem fs = new Path(root).getFileSystem(hadoop);
      all.addAll(marked(fs, batchId));
      if (recorded.isEmpty() && batchId >= KEEP) {
        fs.delete(marks(batchId - KEEP), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the folders batch " + batchId + "'s tasks marked", e);
    }
    Map<String, List<String>> earlier = new LinkedHashMap<>();
    for (String entry : all) {
      String[] parts = entry.split("\t", 2);
      earlier.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
    }
    int removed = 0;
    for (var e : earlier.entrySet()) {
      removed += sinks.get(e.getKey()).removeBatch(hadoop, writer, batchId, e.getValue());
    }
    return removed;
  }

  /**
   * Where the tasks of this attempt of {@code batchId} mark the folders they open a file in, other
   * than those it recorded ({@code recorded}: dataset → folders, as given to {@link
   * #removeEarlierFiles}).
   */
  public OpenedFolders openedFolders(
      long batchId, Map<String, ? extends Collection<String>> recorded) {
    Set<String> known = new LinkedHashSet<>();
    recorded.forEach((dataset, folders) -> folders.forEach(f -> known.add(dataset + "\t" + f)));
    return new TaskMarks(marks(batchId).toString(), known);
  }

  /** The folders a task marks: an empty file per task under the folder's path in the record. */
  private record TaskMarks(String dir, Set<String> recorded) implements OpenedFolders {
    @Override
    public void opening(Configuration hadoop, String dataset, String folder, int partition)
        throws IOException {
      if (recorded.contains(dataset + "\t" + folder)) {
        return;
      }
      Path mark = new Path(dir + "/" + dataset + "/" + folder + "/task-" + partition);
      mark.getFileSystem(hadoop).create(mark, true).close();
    }
  }

  private Path marks(long batchId) {
    return new Path(root + "/" + batchId + "-" + FILES + ".d");
  }

  /** The dataset and folder entries of the marks under {@code <batch>-files.d}. */
  private Set<String> marked(FileSystem fs, long batchId) throws IOException {
    Set<String> entries = new LinkedHashSet<>();
    Path dir = marks(batchId);
    if (!fs.exists(dir)) {
      return entries;
    }
    String base = fs.makeQualified(dir).toUri().getPath() + "/";
    for (var it = fs.listFiles(dir, true); it.hasNext(); ) {
      String path = it.next().getPath().getParent().toUri().getPath();
      // <dataset>/<folder...>: the dataset is the first element, the folder the rest
      String relative = path.substring(base.length());
      int slash = relative.indexOf('/');
      if (slash > 0) {
        entries.add(relative.substring(0, slash) + "\t" + relative.substring(slash + 1));
      }
    }
    return entries;
  }

  private static Set<String> read(FileSystem fs, Path file) throws IOException {
    Set<String> entries = new LinkedHashSet<>();
    if (!fs.exists(file)) {
      return entries;
    }
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isEmpty()) {
          entries.add(line);
        }
      }
    }
    return entries;
  }
}
