package io.clickpulse.streaming;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Kinesis-shaped rows (the sources' columns) of pixel events, for queries on a file source. */
final class KinesisRows {
  static final StructType SCHEMA =
      new StructType()
          .add("data", DataTypes.BinaryType)
          .add("partitionKey", DataTypes.StringType)
          .add("sequenceNumber", DataTypes.StringType)
          .add("approximateArrivalTimestamp", DataTypes.TimestampType);
  private static final DateTimeFormatter PIXEL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private KinesisRows() {}

  /**
   * n events named {@code name} with click ids {@code <idPrefix>-<from>…}, 30 s before {@code
   * arrival}, on three products.
   */
  static List<Row> events(String idPrefix, int from, int n, String name, Instant arrival) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      Instant t = arrival.minusSeconds(30);
      String json =
          String.format(
              "{\"timestamp\": \"%s\", \"user_id\": \"u%d\", \"pixel_id\": \"p1\", \"click_id\": \"%s-%05d\", "
                  + "\"insertion_timestamp\": \"%s\", \"event_name\": \"%s\", \"user_ip\": \"81.2.69.160\", "
                  + "\"additional_data\": {\"time_on_data\": 10, \"percent_viewed\": 50, \"product_id\": %d, \"price\": 10.5}}",
              PIXEL_TIME.format(t), i % 7, idPrefix, i, PIXEL_TIME.format(t), name, 100001 + i % 3);
      rows.add(row(json, i, arrival));
    }
    return rows;
  }

  /** n records that are not JSON. */
  static List<Row> bad(int n, Instant arrival) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(row("{not json " + i, 90_000 + i, arrival));
    }
    return rows;
  }

  static Row row(String payload, int i, Instant arrival) {
    return RowFactory.create(
        payload.getBytes(StandardCharsets.UTF_8),
        "pk-" + i,
        String.format("%030d", i),
        Timestamp.from(arrival));
  }
}
