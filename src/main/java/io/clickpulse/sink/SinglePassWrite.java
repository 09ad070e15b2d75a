package io.clickpulse.sink;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.ProjectingInternalRow;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * Writes several lake outputs of one micro-batch in a single Spark job: each task reads its wide
 * rows once (every column any output keeps, plus a boolean column per output saying whether the row
 * goes to it) and hands each row to the writers of its outputs, one open file per output and
 * partition folder, made by Spark's own file format for the dataset (the files are those {@code
 * write().format(…)} would make). Where the separate writes ran one job per output, each re-reading
 * the batch and sorting it by partition, this reads it once and sorts nothing.
 *
 * <p>File names are those of {@link BatchFileCommitProtocol}'s direct writes ({@code
 * batch-…42-q1f2e3d4c-part-00003.c000.snappy.parquet}): the batch, its query and the task's
 * partition, so a retried task or a replayed batch replaces its own files, and {@link
 * IdempotentFileSink#removeBatch} and {@link BatchAttempts} find them. Like those writes it needs
 * speculation off (two live attempts of one task would write one name).
 */
public final class SinglePassWrite {
  private static final long MICROS_PER_HOUR = 3_600_000_000L;

  private SinglePassWrite() {}

  /** What one output received, over all tasks: rows, files, and the partition folders written. */
  public record Written(long rows, int files, Set<String> folders) {}

  /** What each output received, in their order, and the tasks' folded value. */
  public record Result<A>(Map<LakeDataset, Written> written, A folded) {}

  /**
   * Writes batch {@code batchId} of query {@code writer} (null outside a query, see {@link
   * IdempotentFileSink#writerOf}) to every output, folding every row with {@code fold}; each task
   * tells {@code opened} of a folder before its first file there.
   */
  public static <A extends Serializable> Result<A> write(
      Dataset<Row> wide,
      String writer,
      long batchId,
      List<RoutedOutput> outputs,
      OpenedFolders opened,
      TaskFold<A> fold) {
    return write(wide, IdempotentFileSink.batchPrefix(writer, batchId), outputs, opened, fold);
  }

  /**
   * Writes the rows to every output in files named {@code names-part-<task>…} (a batch re-run's
   * {@link IdempotentFileSink#rerunNames}, into its outputs' staging folders).
   */
  public static <A extends Serializable> Result<A> write(
      Dataset<Row> wide,
      String names,
      List<RoutedOutput> outputs,
      OpenedFolders opened,
      TaskFold<A> fold) {
    SparkSession spark = wide.sparkSession();
    requireNoSpeculation(spark.sparkContext().getConf());
    StructType schema = wide.schema();
    List<Bound> bound = new ArrayList<>();
    for (RoutedOutput o : outputs) {
      bound.add(Bound.of(spark, o, schema));
    }
    String prefix = names;
    FlatMapFunction<Iterator<InternalRow>, Tuple2<TaskWritten, A>> task =
        rows -> {
          A folded = fold.empty();
          try (TaskWriters writers = new TaskWriters(bound, prefix, opened, TaskContext.get())) {
            while (rows.hasNext()) {
              InternalRow row = rows.next();
              writers.write(row);
              fold.add(folded, row);
            }
            return List.of(new Tuple2<>(writers.finish(), folded)).iterator();
          }
        };
    List<Tuple2<TaskWritten, A>> perTask =
        wide.queryExecution().toRdd().toJavaRDD().mapPartitions(task).collect();
    Map<LakeDataset, Written> written = new LinkedHashMap<>();
    for (int i = 0; i < bound.size(); i++) {
      long rows = 0;
      int files = 0;
      Set<String> folders = new TreeSet<>();
      for (Tuple2<TaskWritten, A> t : perTask) {
        rows += t._1().rows()[i];
        files += t._1().folders().get(i).size();
        folders.addAll(t._1().folders().get(i));
      }
      written.put(outputs.get(i).dataset(), new Written(rows, files, folders));
    }
    A folded = fold.empty();
    for (Tuple2<TaskWritten, A> t : perTask) {
      folded = fold.merge(folded, t._2());
    }
    return new Result<>(written, folded);
  }

  /**
   * Fails with what to change when speculation is on: the task writers name files per task, so two
   * live attempts of one task would write the same file (the streaming job checks it at start).
   */
  public static void requireNoSpeculation(SparkConf conf) {
    if (conf.getBoolean("spark.speculation", false)) {
      throw new IllegalStateException(
          "spark.speculation is on: the lake's task writers name files per task, and two live"
              + " attempts of one task would write the same file; run with"
              + " --conf spark.speculation=false (Glue's default)");
    }
  }

  /** Only the tasks' fold of the rows, writing no file (the demand query's batch). */
  public static <A extends Serializable> A fold(Dataset<Row> rows, TaskFold<A> fold) {
    return write(rows, null, 0, List.of(), OpenedFolders.NONE, fold).folded();
  }

  /** An output resolved against the wide rows' schema, with its file format's writer factory. */
  private static final class Bound implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LakeDataset dataset;
    private final String root;
    private final int when;
    private final int time;
    private final int[] ordinals;
    private final StructType dataSchema;
    private final OutputWriterFactory factory;
    private final SerializableConfiguration conf;

    private Bound(
        LakeDataset dataset,
        String root,
        int when,
        int time,
        int[] ordinals,
        StructType dataSchema,
        OutputWriterFactory factory,
        SerializableConfiguration conf) {
      this.dataset = dataset;
      this.root = root;
      this.when = when;
      this.time = time;
      this.ordinals = ordinals;
      this.dataSchema = dataSchema;
      this.factory = factory;
      this.conf = conf;
    }

    static Bound of(SparkSession spark, RoutedOutput output, StructType wide) {
      LakeDataset dataset = output.dataset();
      int[] ordinals = new int[output.columns().size()];
      StructField[] fields = new StructField[ordinals.length];
      for (int i = 0; i < ordinals.length; i++) {
        ordinals[i] = index(wide, output.columns().get(i), dataset);
        StructField f = wide.fields()[ordinals[i]];
        // Spark writes file sources' columns as nullable, whatever the plan says
        fields[i] = new StructField(f.name(), f.dataType(), true, f.metadata());
      }
      StructType data = new StructType(fields);
      var options = scalaMap(dataset.options());
      Configuration hadoop = spark.sessionState().newHadoopConfWithOptions(options);
      try {
        Job job = Job.getInstance(hadoop);
        job.setOutputKeyClass(Void.class);
        job.setOutputValueClass(InternalRow.class);
        FileOutputFormat.setOutputPath(job, new Path(output.sink().root()));
        OutputWriterFactory factory =
            dataset.format().fileFormat().prepareWrite(spark, job, options, data);
        return new Bound(
            dataset,
            output.sink().root(),
            output.when().map(w -> index(wide, w, dataset)).orElse(-1),
            index(wide, dataset.timeColumn().orElseThrow(), dataset),
            ordinals,
            data,
            factory,
            new SerializableConfiguration(job.getConfiguration()));
      } catch (IOException e) {
        throw new UncheckedIOException("preparing the writers of " + dataset.folder() + "/", e);
      }
    }

    private static int index(StructType wide, String column, LakeDataset dataset) {
      try {
        return wide.fieldIndex(column);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            dataset.folder() + "/ needs column " + column + ", which the batch's rows lack", e);
      }
    }

    boolean takes(InternalRow row) {
      return when < 0 || (!row.isNullAt(when) && row.getBoolean(when));
    }

    long hourOf(InternalRow row) {
      if (row.isNullAt(time)) {
        throw new IllegalStateException(
            "a row for " + dataset.folder() + "/ has no " + dataset.timeColumn().orElseThrow());
      }
      return Math.floorDiv(row.getLong(time), MICROS_PER_HOUR);
    }

    /**
     * A view of a wide row as this output's row, re-pointed row after row: no value is copied or
     * boxed on the way to the writer.
     */
    ProjectingInternalRow view() {
      List<Object> columns = new ArrayList<>();
      for (int ordinal : ordinals) {
        columns.add(ordinal);
      }
      return ProjectingInternalRow.apply(dataSchema, JavaConverters.asScalaBuffer(columns).toSeq());
    }
  }

  /** What one task wrote: rows per output, and the folders of its files per output. */
  private record TaskWritten(long[] rows, List<List<String>> folders) implements Serializable {}

  /** One task's open files: per output, one per partition folder, closed when the task ends. */
  private static final class TaskWriters implements AutoCloseable {
    private final List<Bound> outputs;
    private final String prefix;
    private final OpenedFolders opened;
    private final int partition;
    private final TaskAttemptContext[] contexts;
    // per output, by folder: a daily dataset's hours share one folder and so one file
    private final List<Map<String, OutputWriter>> open = new ArrayList<>();
    private final ProjectingInternalRow[] views;
    private final long[] lastHour;
    private final OutputWriter[] last;
    private final long[] rows;

    TaskWriters(List<Bound> outputs, String prefix, OpenedFolders opened, TaskContext task) {
      this.outputs = outputs;
      this.prefix = prefix;
      this.opened = opened;
      this.partition = task.partitionId();
      int n = outputs.size();
      contexts = new TaskAttemptContext[n];
      views = new ProjectingInternalRow[n];
      lastHour = new long[n];
      last = new OutputWriter[n];
      rows = new long[n];
      JobID job = new JobID("clickpulse" + task.stageId(), task.stageId());
      TaskAttemptID attempt =
          new TaskAttemptID(new TaskID(job, TaskType.MAP, partition), task.attemptNumber());
      for (int i = 0; i < n; i++) {
        contexts[i] = new TaskAttemptContextImpl(outputs.get(i).conf.value(), attempt);
        views[i] = outputs.get(i).view();
        open.add(new LinkedHashMap<>());
      }
    }

    void write(InternalRow row) throws IOException {
      for (int i = 0; i < outputs.size(); i++) {
        Bound o = outputs.get(i);
        if (!o.takes(row)) {
          continue;
        }
        long hour = o.hourOf(row);
        OutputWriter w = last[i] != null && lastHour[i] == hour ? last[i] : writerFor(i, hour);
        views[i].project(row);
        w.write(views[i]);
        rows[i]++;
      }
    }

    private OutputWriter writerFor(int i, long hour) throws IOException {
      Bound o = outputs.get(i);
      String folder = o.dataset.folderOf(hour);
      OutputWriter w = open.get(i).get(folder);
      if (w == null) {
        Configuration conf = contexts[i].getConfiguration();
        // before the file exists: a crash from here on leaves it where a replay looks
        opened.opening(conf, o.dataset.folder(), folder, partition);
        String name =
            String.format(
                "%s-part-%05d.c000%s", prefix, partition, o.factory.getFileExtension(contexts[i]));
        Path file = new Path(o.root + "/" + folder + "/" + name);
        // Spark's writers create without overwriting: a replay's file replaces the first one
        file.getFileSystem(conf).delete(file, false);
        w = o.factory.newInstance(file.toString(), o.dataSchema, contexts[i]);
        open.get(i).put(folder, w);
      }
      lastHour[i] = hour;
      last[i] = w;
      return w;
    }

    /** Closes every file; returns what each output received. */
    TaskWritten finish() {
      long[] received = rows.clone();
      List<List<String>> folders = new ArrayList<>();
      for (Map<String, OutputWriter> writers : open) {
        folders.add(List.copyOf(writers.keySet()));
      }
      closeAll();
      return new TaskWritten(received, folders);
    }

    private void closeAll() {
      RuntimeException failure = null;
      for (Map<String, OutputWriter> writers : open) {
        for (OutputWriter w : writers.values()) {
          try {
            w.close();
          } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
          }
        }
        writers.clear();
      }
      if (failure != null) {
        throw failure;
      }
    }

    @Override
    public void close() {
      // after a failure: the files are closed as they are; the retry or the replay replaces them
      if (open.stream().anyMatch(m -> !m.isEmpty())) {
        closeAll();
      }
    }
  }

  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> m) {
    scala.collection.immutable.Map<String, String> out =
        scala.collection.immutable.Map$.MODULE$.empty();
    for (var e : m.entrySet()) {
      out = out.$plus(new Tuple2<>(e.getKey(), e.getValue()));
    }
    return out;
  }
}
