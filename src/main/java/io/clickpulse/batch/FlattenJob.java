package io.clickpulse.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clickpulse.config.BatchConfig;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.enrich.EnricherChain;
import io.clickpulse.enrich.Enrichers;
import io.clickpulse.enrich.ReferenceData;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import io.clickpulse.runtime.JobRunner;
import io.clickpulse.runtime.SparkSessions;
import io.clickpulse.sink.BadRecordsTable;
import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import io.clickpulse.sink.LakeRows;
import io.clickpulse.sink.OpenedFolders;
import io.clickpulse.sink.SinglePassWrite;
import io.clickpulse.sink.TaskFold;
import io.clickpulse.source.RawArchive;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Backfill / reprocessing ({@code clickpulse run flatten --date …}, or a Glue job): the raw JSON
 * archive → the same flat, enriched Parquet events as the streaming job, through the same decoder
 * and enrichers. Events whose time is in the range replace exactly the events/ hour partitions of
 * the range; bad lines that arrived in the range go to bad_records/ with their reason (source
 * "flatten"), replacing only an earlier flatten of the same range. Its rows are made and written as
 * the stream's are ({@link LakeRows}, {@link SinglePassWrite}: both outputs in one pass), into
 * staging folders moved in once every file is written.
 *
 * <p>raw/ is partitioned by arrival hour: an event can arrive up to streaming.max-event-future
 * before and streaming.max-event-age after its time, so those raw hours around the range are read.
 * Each raw line keeps its record's arrival time, so the decoder's time checks are the stream's.
 */
public final class FlattenJob {
  private FlattenJob() {}

  public record Result(long rawRecords, long events, long badRecords, int partitionsReplaced) {}

  public static void main(String[] args) throws Exception {
    JobRunner.run(
        args, "clickpulse-flatten", (spark, config) -> run(spark, config, System.out::println));
  }

  private static Column between(String time, Timestamp from, Timestamp to) {
    return col(time).geq(lit(from)).and(col(time).lt(lit(to)));
  }

  public static Result run(SparkSession spark, ClickpulseConfig config, Consumer<String> progress) {
    BatchConfig.Range range = config.batch().requireRange("flatten");
    SparkSessions.configure(spark, config);
    Instant readFrom = range.from().minus(config.streaming().maxEventFuture());
    Instant readTo = range.to().plus(config.streaming().maxEventAge());
    progress.accept(
        "flatten "
            + range.describe()
            + ": reading raw/ arrival hours "
            + readFrom
            + " to "
            + readTo);
    Dataset<Row> decoded =
        RawArchive.decode(
                spark, config.lake(), config.streaming(), config.enrich(), readFrom, readTo)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Timestamp from = Timestamp.from(range.from());
      Timestamp to = Timestamp.from(range.to());
      // the accepted events whose time is in the range, once each, and the bad lines that arrived
      // in it (a bad line belongs to the range it arrived in: its arrival time is in its raw line)
      Dataset<Row> inRange =
          decoded
              .where(LakeRows.accepted())
              .where(between(EventColumns.EVENT_TIME, from, to))
              .dropDuplicates(EventColumns.EVENT_ID)
              .unionByName(
                  decoded
                      .where(col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_BAD))
                      .where(between(EventColumns.ARRIVAL_TIME, from, to)));
      ReferenceData reference =
          new ReferenceData(
              spark,
              config.aws(),
              config.tables(),
              config.streaming().referenceRefresh(),
              Clock.systemUTC());
      EnricherChain enrichers = Enrichers.standard(spark, config.enrich(), reference);
      Dataset<Row> wide =
          LakeRows.of(enrichers, inRange, lit(null).cast("string"), BadRecordsTable.FROM_FLATTEN);

      long records = decoded.count();
      List<String> hours = LakeLayout.hourFolders(range.from(), range.to());
      var lake = config.lake();
      // one pass writes both, as the stream does, into staging folders moved in afterwards
      String names =
          IdempotentFileSink.rerunNames(
              "flatten-" + range.to().getEpochSecond(), range.from().getEpochSecond());
      IdempotentFileSink events = LakeDataset.EVENTS.sink(lake);
      IdempotentFileSink bad = LakeDataset.BAD_RECORDS.sink(lake);
      progress.accept(
          "flatten "
              + range.describe()
              + ": "
              + records
              + " raw records decoded; writing the range's events and bad records");
      var written =
          SinglePassWrite.write(
              wide,
              names,
              List.of(
                  LakeRows.events(
                      events.staging(names), List.of(enrichers.eventsOf(decoded).columns())),
                  LakeRows.badRecords(bad.staging(names))),
              OpenedFolders.NONE,
              TaskFold.none());
      long eventCount = written.written().get(LakeDataset.EVENTS).rows();
      long badCount = written.written().get(LakeDataset.BAD_RECORDS).rows();
      progress.accept(
          "flatten "
              + range.describe()
              + ": "
              + eventCount
              + " distinct events in the range; replacing "
              + hours.size()
              + " events/ hour partitions");
      var hadoop = spark.sparkContext().hadoopConfiguration();
      events.publish(hadoop, names, hours, List.of());
      PartitionRegistry.pointAtRerun(
          spark, config.batch(), config.lake(), LakeDataset.EVENTS, hours);
      // an earlier flatten of the range's bad records goes from every hour, also those with none
      // now
      bad.publish(hadoop, names, List.of(), hours);
      progress.accept(
          "flatten "
              + range.describe()
              + ": done: "
              + eventCount
              + " events, "
              + badCount
              + " bad records (source=flatten) in bad_records/");
      return new Result(records, eventCount, badCount, hours.size());
    } finally {
      decoded.unpersist();
    }
  }
}
