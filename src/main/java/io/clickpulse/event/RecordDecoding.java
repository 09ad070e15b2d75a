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
 * ({@link DecodedSchema#DECODED}). Nothing is dropped: a record that cannot be used becomes a row
 * with status "bad", its reason and its original bytes.
 */
public final class RecordDecoding {
  private RecordDecoding() {}

  public static Dataset<Row> decode(Dataset<Row> kinesis, EventDecoder decoder) {
    return decodeRecords(
        kinesis.select("data", "partitionKey", "sequenceNumber", "approximateArrivalTimestamp"),
        decoder);
  }

  /**
   * Records as four columns (bytes, partition key, sequence number, arrival timestamp), by
   * position: the Kinesis source's, or raw archive lines for the batch re-runs.
   */
  public static Dataset<Row> decodeRecords(Dataset<Row> records, EventDecoder decoder) {
    return records.mapPartitions(
        (MapPartitionsFunction<Row, Row>)
            rows ->
                new Iterator<>() {
                  @Override
                  public boolean hasNext() {
                    return rows.hasNext();
                  }

                  @Override
                  public Row next() {
                    Row r = rows.next();
                    Timestamp arrival = r.getTimestamp(3);
                    return toRow(
                        decoder,
                        (byte[]) r.get(0),
                        r.getString(1),
                        r.getString(2),
                        arrival == null ? Instant.EPOCH : arrival.toInstant());
                  }
                },
        Encoders.row(DecodedSchema.DECODED));
  }

  // each column's position, resolved once from the schema: rows are filled by name, on the hot path
  private static final int WIDTH = DecodedSchema.DECODED.size();
  private static final int EVENT_ID = DecodedSchema.index(EventColumns.EVENT_ID);
  private static final int SOURCE_SHAPE = DecodedSchema.index(EventColumns.SOURCE_SHAPE);
  private static final int EVENT_NAME = DecodedSchema.index(EventColumns.EVENT_NAME);
  private static final int EVENT_TIME = DecodedSchema.index(EventColumns.EVENT_TIME);
  private static final int USER_ID = DecodedSchema.index(EventColumns.USER_ID);
  private static final int DEVICE_ID = DecodedSchema.index(EventColumns.DEVICE_ID);
  private static final int PIXEL_ID = DecodedSchema.index(EventColumns.PIXEL_ID);
  private static final int CLICK_ID = DecodedSchema.index(EventColumns.CLICK_ID);
  private static final int INSERTION_TIME = DecodedSchema.index(EventColumns.INSERTION_TIME);
  private static final int USER_IP = DecodedSchema.index(EventColumns.USER_IP);
  private static final int USER_AGENT = DecodedSchema.index(EventColumns.USER_AGENT);
  private static final int PAGE_URL = DecodedSchema.index(EventColumns.PAGE_URL);
  private static final int REFERRER = DecodedSchema.index(EventColumns.REFERRER);
  private static final int PRODUCT_ID = DecodedSchema.index(EventColumns.PRODUCT_ID);
  private static final int PRICE = DecodedSchema.index(EventColumns.PRICE);
  private static final int PERCENT_VIEWED = DecodedSchema.index(EventColumns.PERCENT_VIEWED);
  private static final int TIME_ON_DATA = DecodedSchema.index(EventColumns.TIME_ON_DATA);
  private static final int ELEMENT_CLICKED = DecodedSchema.index(EventColumns.ELEMENT_CLICKED);
  private static final int TIME_SPENT = DecodedSchema.index(EventColumns.TIME_SPENT);
  private static final int RESTAURANT_NAME = DecodedSchema.index(EventColumns.RESTAURANT_NAME);
  private static final int STATUS = DecodedSchema.index(EventColumns.STATUS);
  private static final int REASON = DecodedSchema.index(EventColumns.REASON);
  private static final int REASON_DETAIL = DecodedSchema.index(EventColumns.REASON_DETAIL);
  private static final int PARTITION_KEY = DecodedSchema.index(EventColumns.PARTITION_KEY);
  private static final int SEQUENCE_NUMBER = DecodedSchema.index(EventColumns.SEQUENCE_NUMBER);
  private static final int ARRIVAL_TIME = DecodedSchema.index(EventColumns.ARRIVAL_TIME);
  private static final int PAYLOAD = DecodedSchema.index(EventColumns.PAYLOAD);
  private static final int PAYLOAD_BASE64 = DecodedSchema.index(EventColumns.PAYLOAD_BASE64);
  private static final int PAYLOAD_BYTES = DecodedSchema.index(EventColumns.PAYLOAD_BYTES);

  /** One record → one row; public so tests and the batch re-runs share it. */
  public static Row toRow(
      EventDecoder decoder,
      byte[] data,
      String partitionKey,
      String sequenceNumber,
      Instant arrival) {
    byte[] bytes = data == null ? new byte[0] : data; // a null record is an empty one, not an NPE
    DecodeResult result = decoder.decode(bytes, arrival);
    Object[] v = new Object[WIDTH];
    if (result.isOk()) {
      setEvent(v, result.event());
      v[STATUS] = DecodedSchema.STATUS_OK;
    } else {
      // a bad record's id is its position in the stream: only a true re-read collapses with it
      v[EVENT_ID] = "bad-" + partitionKey + "-" + sequenceNumber;
      v[STATUS] = DecodedSchema.STATUS_BAD;
      v[REASON] = result.reason().code();
      v[REASON_DETAIL] = result.detail();
    }
    v[PARTITION_KEY] = partitionKey;
    v[SEQUENCE_NUMBER] = sequenceNumber;
    v[ARRIVAL_TIME] = ts(arrival);
    // the original bytes, always: as the decoder's text when they are UTF-8, else (and when too
    // large to have been checked) as base64
    if (result.text() != null) {
      v[PAYLOAD] = result.text();
    } else {
      v[PAYLOAD_BASE64] = Base64.getEncoder().encodeToString(bytes);
    }
    v[PAYLOAD_BYTES] = bytes.length;
    return RowFactory.create(v);
  }

  private static void setEvent(Object[] v, ClickEventRecord e) {
    v[EVENT_ID] = e.eventId();
    v[SOURCE_SHAPE] = e.sourceShape();
    v[EVENT_NAME] = e.eventName();
    v[EVENT_TIME] = ts(e.eventTime());
    v[USER_ID] = e.userId();
    v[DEVICE_ID] = e.deviceId();
    v[PIXEL_ID] = e.pixelId();
    v[CLICK_ID] = e.clickId();
    v[INSERTION_TIME] = ts(e.insertionTime());
    v[USER_IP] = e.userIp();
    v[USER_AGENT] = e.userAgent();
    v[PAGE_URL] = e.pageUrl();
    v[REFERRER] = e.referrer();
    v[PRODUCT_ID] = e.productId();
    v[PRICE] = e.price();
    v[PERCENT_VIEWED] = e.percentViewed();
    v[TIME_ON_DATA] = e.timeOnData();
    v[ELEMENT_CLICKED] = e.elementClicked();
    v[TIME_SPENT] = e.timeSpent();
    v[RESTAURANT_NAME] = e.restaurantName();
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
