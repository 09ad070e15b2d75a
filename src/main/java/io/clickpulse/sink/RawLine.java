package io.clickpulse.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * One line of raw/ per Kinesis record: a JSON object holding the record's bytes exactly and what it
 * takes to decode it again as the stream did, {@code
 * {"partition_key":"20","sequence_number":"4960…","arrival_time":"2026-11-21T10:15:30.123Z","data":"{\"event_name\":…}"}}.
 * {@code data} is the record as text when the decoder read it as UTF-8 (JSON escaping keeps a
 * pretty-printed or CR/LF record on its one line); {@code data_base64} holds the bytes otherwise
 * (not UTF-8, or over the decoder's size limit, which it never reads as text). The stream's raw
 * output writes these lines and the batch jobs read them (source/RawArchive): the field names live
 * here only.
 */
public final class RawLine {
  public static final String DATA = "data";
  public static final String DATA_BASE64 = "data_base64";
  public static final String PARTITION_KEY = EventColumns.PARTITION_KEY;
  public static final String SEQUENCE_NUMBER = EventColumns.SEQUENCE_NUMBER;
  public static final String ARRIVAL_TIME = EventColumns.ARRIVAL_TIME;

  // no cap on a string's length (Jackson's default is 20 M chars): every record must read back,
  // whatever its size
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();
  private static final UserDefinedFunction ENCODE =
      udf(
          (UDF5<String, String, String, String, Timestamp, String>)
              (text, base64, key, sequence, arrival) ->
                  encode(text, base64, key, sequence, arrival.toInstant()),
          DataTypes.StringType);

  private RawLine() {}

  /** What a line holds: a Kinesis record as the decoder takes it. */
  public record Record(byte[] data, String partitionKey, String sequenceNumber, Instant arrival) {}

  /**
   * Decoded rows ({@link DecodedSchema#DECODED}, every status) → the raw/ dataset: one line per
   * record, from the payload as decoding kept it, partitioned by arrival hour.
   */
  public static Dataset<Row> lines(Dataset<Row> decoded) {
    Dataset<Row> lines = decoded.select(line().as(VALUE), col(EventColumns.ARRIVAL_TIME));
    return LakeDataset.RAW.partitioned(lines).drop(EventColumns.ARRIVAL_TIME);
  }

  /** The one column of raw/'s text files. */
  public static final String VALUE = "value";

  /** A decoded row's line ({@link DecodedSchema#DECODED} columns, every status). */
  public static Column line() {
    return ENCODE.apply(
        col(EventColumns.PAYLOAD),
        col(EventColumns.PAYLOAD_BASE64),
        col(EventColumns.PARTITION_KEY),
        col(EventColumns.SEQUENCE_NUMBER),
        col(EventColumns.ARRIVAL_TIME));
  }

  /**
   * A record's line from its bytes (text when they are UTF-8): for tests and tools that archive
   * records themselves.
   */
  public static String encode(
      byte[] data, String partitionKey, String sequenceNumber, Instant arrival) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data)).toString();
      return encode(text, null, partitionKey, sequenceNumber, arrival);
    } catch (CharacterCodingException e) {
      return encode(
          null, Base64.getEncoder().encodeToString(data), partitionKey, sequenceNumber, arrival);
    }
  }

  /** The line of a record given as text, or else as base64; no line separator inside. */
  public static String encode(
      String text, String base64, String partitionKey, String sequenceNumber, Instant arrival) {
    if ((text == null) == (base64 == null)) {
      throw new IllegalArgumentException(
          "a raw line holds its record as text or as base64, exactly one");
    }
    // by hand, not through a JsonGenerator per line: the same text as Jackson's (RawLineTest), at a
    // fraction of the cost on the stream's hot path (README "Benchmark")
    String value = text != null ? text : base64;
    StringBuilder out = new StringBuilder(96 + value.length() + value.length() / 8);
    out.append('{');
    if (partitionKey != null) {
      field(out, PARTITION_KEY, partitionKey).append(',');
    }
    if (sequenceNumber != null) {
      field(out, SEQUENCE_NUMBER, sequenceNumber).append(',');
    }
    // ISO-8601 UTC, exact to the nanosecond: flatten's time checks see the stream's arrival
    field(out, ARRIVAL_TIME, arrival.toString()).append(',');
    field(out, text != null ? DATA : DATA_BASE64, value);
    return out.append('}').toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** {@code "name":"value"}, the value escaped as JSON requires (quote, backslash, controls). */
  private static StringBuilder field(StringBuilder out, String name, String value) {
    out.append('"').append(name).append("\":\"");
    int n = value.length();
    int plain = 0;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(value, plain, i);
      plain = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.append(value, plain, n).append('"');
  }

  /**
   * The record of a line, or empty when the line is not one this class wrote (a foreign file in
   * raw/, a truncated line): an object with an arrival time, exactly one of data / data_base64, and
   * no other field.
   */
  public static Optional<Record> decode(byte[] line) {
    String text = null;
    String base64 = null;
    String key = null;
    String sequence = null;
    Instant arrival = null;
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        if (value != JsonToken.VALUE_STRING) {
          return Optional.empty();
        }
        switch (field) {
          case DATA -> text = p.getText();
          case DATA_BASE64 -> base64 = p.getText();
          case PARTITION_KEY -> key = p.getText();
          case SEQUENCE_NUMBER -> sequence = p.getText();
          case ARRIVAL_TIME -> arrival = Instant.parse(p.getText());
          default -> {
            return Optional.empty();
          }
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT
          || p.nextToken() != null
          || arrival == null
          || (text == null) == (base64 == null)) {
        return Optional.empty();
      }
      byte[] data =
          text != null ? text.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(base64);
      return Optional.of(new Record(data, key, sequence, arrival));
    } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
