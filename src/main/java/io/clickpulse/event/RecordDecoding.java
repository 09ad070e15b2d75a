package io.clickpulse.event;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Kinesis rows (data, partitionKey, sequenceNumber, approximateArrivalTimestamp) → decoded rows
 * ({@link DecodedSchema#DECODED}). Nothing is dropped: a record that cannot be used becomes a
 * row with status "bad", its reason and its original bytes.
 */
public final class RecordDecoding {
  private RecordDecoding() {}

  public static Dataset<Row> decode(Dataset<Row> kinesis, EventDecoder decoder) {
    return decodeRecords(kinesis.select("data", "partitionKey", "sequenceNumber", "approximateArrivalTimestamp"), decoder);
  }

  /**
   * Records as four columns (bytes, partition key, sequence number, arrival timestamp), by
   * position: the Kinesis source's, or raw archive lines for the batch re-runs.
   */
  public static Dataset<Row> decodeRecords(Dataset<Row> records, EventDecoder decoder) {
    return records
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Iterator<>() {
          @Override
          public boolean hasNext() {
            return rows.hasNext();
          }

          @Override
          public Row next() {
            Row r = rows.next();
            Timestamp arrival = r.getTimestamp(3);
            return toRow(decoder, (byte[]) r.get(0), r.getString(1), r.getString(2),
                arrival == null ? Instant.EPOCH : arrival.toInstant());
          }
        }, Encoders.row(DecodedSchema.DECODED));
  }

  /** One record → one row; public so tests and the batch re-runs share it. */
  public static Row toRow(EventDecoder decoder, byte[] data, String partitionKey, String sequenceNumber, Instant arrival) {
    byte[] bytes = data == null ? new byte[0] : data; // a null record is an empty one, not an NPE
    DecodeResult result = decoder.decode(bytes, arrival);
    Object[] v = new Object[DecodedSchema.DECODED.size()];
    int o = DecodedSchema.EVENT.size();
    if (result.isOk()) {
      ClickEventRecord e = result.event();
      Object[] ev = {e.eventId(), e.sourceShape(), e.eventName(), ts(e.eventTime()), e.userId(), e.deviceId(),
          e.pixelId(), e.clickId(), ts(e.insertionTime()), e.userIp(), e.userAgent(), e.pageUrl(), e.referrer(), e.productId(),
          e.price(), e.percentViewed(), e.timeOnData(), e.elementClicked(), e.timeSpent(), e.restaurantName()};
      System.arraycopy(ev, 0, v, 0, ev.length);
      v[o] = DecodedSchema.STATUS_OK;
    } else {
      // a bad record's id is its position in the stream: only a true re-read collapses with it
      v[0] = "bad-" + partitionKey + "-" + sequenceNumber;
      v[o] = DecodedSchema.STATUS_BAD;
      v[o + 1] = result.reason().code();
      v[o + 2] = result.detail();
    }
    v[o + 3] = partitionKey;
    v[o + 4] = sequenceNumber;
    v[o + 5] = ts(arrival);
    // the original bytes, always: as the decoder's text when they are UTF-8, else (and when too
    // large to have been checked) as base64
    if (result.text() != null) {
      v[o + 6] = result.text();
    } else {
      v[o + 7] = Base64.getEncoder().encodeToString(bytes);
    }
    v[o + 8] = bytes.length;
    return RowFactory.create(v);
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
