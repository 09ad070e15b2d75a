package io.clickpulse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawLineTest {
  private static final Instant ARRIVAL = Instant.parse("2026-11-21T10:15:30.123456789Z");

  /** Texts a record can hold: quotes, backslashes, every control character, non-ASCII, empty. */
  private static final List<String> TEXTS =
      List.of(
          "{\"event_name\":\"ViewContent\",\"price\":12.5}",
          "",
          "back\\slash \"quoted\" /slash/",
          "line\nbreak\r\ntab\tbell\u0007 nul\u0000 form\f back\b unit\u001f del\u007f",
          "multi-byte é ü 漢字 emoji 😀 and a separator \u2028",
          "{\n  \"pretty\": [1, 2, 3]\n}\n");

  @Test
  void aLineIsTheTextJacksonWouldWrite() throws IOException {
    for (String text : TEXTS) {
      assertThat(RawLine.encode(text, null, "key \"1\"", "4960\\x", ARRIVAL))
          .as(text)
          .isEqualTo(jackson(text, "key \"1\"", "4960\\x"));
    }
  }

  @Test
  void everyTextReadsBackExactly() {
    for (String text : TEXTS) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      String line = RawLine.encode(bytes, "k", "7", ARRIVAL);
      assertThat(line).as("one line").doesNotContain("\n").doesNotContain("\r");
      RawLine.Record r = RawLine.decode(line.getBytes(StandardCharsets.UTF_8)).orElseThrow();
      assertThat(r.data()).as(text).isEqualTo(bytes);
      assertThat(r.partitionKey()).isEqualTo("k");
      assertThat(r.sequenceNumber()).isEqualTo("7");
      assertThat(r.arrival()).isEqualTo(ARRIVAL);
    }
  }

  @Test
  void bytesThatAreNotUtf8AreKeptAsBase64AndAKeylessLineHasNoKeyFields() {
    byte[] bytes = {(byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF};
    String line = RawLine.encode(bytes, null, null, ARRIVAL);
    assertThat(line).startsWith("{\"arrival_time\":").contains("\"data_base64\":\"wygA/w==\"");
    assertThat(RawLine.decode(line.getBytes(StandardCharsets.UTF_8)).orElseThrow().data())
        .isEqualTo(bytes);
  }

  /** What the line was when Jackson's generator wrote it (the lines raw/ already holds). */
  private static String jackson(String text, String key, String sequence) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField(RawLine.PARTITION_KEY, key);
      g.writeStringField(RawLine.SEQUENCE_NUMBER, sequence);
      g.writeStringField(RawLine.ARRIVAL_TIME, ARRIVAL.toString());
      g.writeStringField(RawLine.DATA, text);
      g.writeEndObject();
    }
    return out.toString();
  }
}
