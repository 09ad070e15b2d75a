package io.clickpulse.batch;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clickpulse.config.BatchConfig;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.enrich.Enrichers;
import io.clickpulse.enrich.ReferenceData;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import io.clickpulse.runtime.JobRunner;
import io.clickpulse.runtime.SparkSessions;
import io.clickpulse.sink.BadRecordsTable;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import io.clickpulse.source.RawArchive;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Backfill / reprocessing ({@code clickpulse run flatten --date …}, or a Glue job): the raw JSON
 * archive → the same flat, enriched Parquet events as the streaming job, through the same decoder
 * and enrichers. Events whose time is in the range replace exactly the events/ hour partitions of
 * the range; bad lines that arrived in the range go to bad_records/ with their reason (source
 * "flatten"), replacing only an earlier flatten of the same range.
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
      Dataset<Row> accepted =
          decoded
              .where(col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_OK))
              .where(
                  col(EventColumns.EVENT_TIME)
                      .geq(lit(from))
                      .and(col(EventColumns.EVENT_TIME).lt(lit(to))))
              .dropDuplicates(EventColumns.EVENT_ID);
      ReferenceData reference =
          new ReferenceData(
              spark,
              config.aws(),
              config.tables(),
              config.streaming().referenceRefresh(),
              Clock.systemUTC());
      Dataset<Row> events =
          Enrichers.standard(spark, config.enrich(), reference).eventsOf(accepted);
      // a bad line belongs to the range it arrived in: its own arrival time, kept in its raw line
      Dataset<Row> bad =
          decoded
              .where(col(EventColumns.STATUS).equalTo(DecodedSchema.STATUS_BAD))
              .where(
                  col(EventColumns.ARRIVAL_TIME)
                      .geq(lit(from))
                      .and(col(EventColumns.ARRIVAL_TIME).lt(lit(to))));

      long records = decoded.count();
      List<String> hours = LakeLayout.hourFolders(range.from(), range.to());
      var lake = config.lake();
      long runId = range.from().getEpochSecond();
      Dataset<Row> toWrite =
          LakeDataset.EVENTS.partitioned(events).persist(StorageLevel.MEMORY_AND_DISK());
      long eventCount = toWrite.count();
      progress.accept(
          "flatten "
              + range.describe()
              + ": "
              + records
              + " raw records decoded, "
              + eventCount
              + " distinct events in the range; replacing "
              + hours.size()
              + " events/ hour partitions");
      LakeDataset.EVENTS.sink(lake).replacePartitions(toWrite, runId, hours);
      toWrite.unpersist();
      PartitionRegistry.pointAtRerun(
          spark, config.batch(), config.lake(), LakeDataset.EVENTS, hours);
      Dataset<Row> badRows =
          BadRecordsTable.rows(bad, lit(null).cast("string"), BadRecordsTable.FROM_FLATTEN).cache();
      long badCount = badRows.count();
      if (badCount > 0) {
        LakeDataset.BAD_RECORDS
            .sink(lake)
            .replaceOwnFiles(badRows, "flatten-" + range.to().getEpochSecond(), runId);
      }
      badRows.unpersist();
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
