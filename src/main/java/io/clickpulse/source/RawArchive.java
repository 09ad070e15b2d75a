package io.clickpulse.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import io.clickpulse.config.EnrichConfig;
import io.clickpulse.config.LakeConfig;
import io.clickpulse.config.StreamingConfig;
import io.clickpulse.enrich.PayloadPrivacy;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import io.clickpulse.event.EventDecoder;
import io.clickpulse.event.RecordDecoding;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import io.clickpulse.sink.RawLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The raw archive (raw/year=/month=/day=/hour=/, by arrival hour) read back for the batch re-runs:
 * every line ({@link RawLine}) gives back its record's bytes, partition key, sequence number and
 * arrival time, which go through the streaming job's decoder, so a re-run sees the events and bad
 * records (same reasons, same ids) that the stream saw.
 */
public final class RawArchive {
  private RawArchive() {}

  /**
   * Decoded rows ({@link DecodedSchema#DECODED}) of the lake's raw hours in [from, to) that exist,
   * with the streaming job's decoder limits and IP masking.
   */
  public static Dataset<Row> decode(
      SparkSession spark,
      LakeConfig lake,
      StreamingConfig streaming,
      EnrichConfig enrich,
      Instant from,
      Instant to) {
    return decode(
        spark,
        LakeDataset.RAW.uri(lake),
        EventDecoder.from(streaming),
        enrich.anonymizeIp(),
        from,
        to);
  }

  /** The same under any raw/ root, with any decoder (tests). */
  public static Dataset<Row> decode(
      SparkSession spark,
      String rawRoot,
      EventDecoder decoder,
      boolean anonymizeIp,
      Instant from,
      Instant to) {
    List<String> hours = existingHours(spark, rawRoot, from, to);
    if (hours.isEmpty()) {
      return spark.createDataFrame(List.of(), DecodedSchema.DECODED);
    }
    Dataset<Row> lines =
        LakeDataset.RAW
            .read(spark, hours.toArray(String[]::new))
            .select(col("value").cast("binary").as("line"), input_file_name().as("file"));
    Dataset<Row> records =
        lines.map(
            (MapFunction<Row, Row>) r -> record(r.<byte[]>getAs("line"), r.<String>getAs("file")),
            Encoders.row(RECORD));
    // masked again: a line archived before anonymisation was turned on is stored masked from now on
    // too
    return PayloadPrivacy.apply(RecordDecoding.decodeRecords(records, decoder), anonymizeIp);
  }

  /**
   * The four columns {@link RecordDecoding#decodeRecords} takes, by position: {@link #record}
   * builds them in this order.
   */
  private static final StructType RECORD =
      new StructType()
          .add("data", DataTypes.BinaryType)
          .add(EventColumns.PARTITION_KEY, DataTypes.StringType)
          .add(EventColumns.SEQUENCE_NUMBER, DataTypes.StringType)
          .add(EventColumns.ARRIVAL_TIME, DataTypes.TimestampType);

  /**
   * A raw line's record. A line that is no {@link RawLine} (a foreign file in raw/, a line cut
   * short) is never fatal: it is decoded as a record of its own, so it becomes a bad record (or an
   * event) with no partition key, arriving at its hour's last millisecond.
   */
  static Row record(byte[] line, String file) {
    return RawLine.decode(line)
        .map(
            r ->
                RowFactory.create(
                    r.data(), r.partitionKey(), r.sequenceNumber(), Timestamp.from(r.arrival())))
        .orElseGet(() -> RowFactory.create(line, null, null, Timestamp.from(arrivalOf(file))));
  }

  private static List<String> existingHours(
      SparkSession spark, String root, Instant from, Instant to) {
    try {
      Path base = new Path(root);
      FileSystem fs = base.getFileSystem(spark.sparkContext().hadoopConfiguration());
      List<String> out = new ArrayList<>();
      for (String dir : LakeLayout.hourFolders(from, to)) {
        Path p = new Path(root + "/" + dir);
        if (fs.exists(p)) {
          out.add(p.toString());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + root, e);
    }
  }

  /**
   * The arrival time given to a line that is no {@link RawLine}, which has only its hour: the
   * hour's last millisecond ({@code …/year=2026/month=11/day=21/hour=10/file} →
   * 2026-11-21T10:59:59.999Z). As late as the record can have arrived, yet inside its hour and its
   * day: the hour's end itself would file a bad line of hour 23 under the next day's bad_records
   * partition.
   */
  public static Instant arrivalOf(String file) {
    return LakeLayout.hourOf(file).plus(Duration.ofHours(1)).minusMillis(1);
  }
}
