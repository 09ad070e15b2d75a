package io.clickpulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clickpulse.metrics.JsonLinesFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** alerts.sink=jsonl: one line per alert, appended, read back as JSON. */
class JsonLinesAlertSinkTest {
  @Test
  void eachAlertIsOneLineWithItsIdAppendedBatchAfterBatch(@TempDir Path dir) {
    Path file = dir.resolve("sub/alerts.jsonl");
    JsonLinesAlertSink sink = new JsonLinesAlertSink(file);
    assertThat(sink.deliver(Alerts.three())).isEqualTo(new AlertSink.Delivery(3, 0));
    assertThat(sink.deliver(List.of(Alerts.gap("u1", "2026-11-21T10:00:00Z"))))
        .isEqualTo(new AlertSink.Delivery(1, 0));
    List<JsonNode> lines = JsonLinesFile.read(file);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1).get("user_id").asText()).isEqualTo("u2");
    assertThat(lines.get(1).get("alert_id").asText()).isEqualTo(Alerts.three().get(1).alertId());
    assertThat(lines.get(3).get("alert_id").asText())
        .as("the same session again: the same id")
        .isEqualTo(lines.get(0).get("alert_id").asText());
    assertThat(lines.get(0).get("duration_sec").asLong()).isEqualTo(4);
    assertThat(lines.get(0).get("start").asText()).isEqualTo("2026-11-21T10:00:00Z");
  }

  @Test
  void aFileThatCannotBeWrittenIsCountedNotThrown(@TempDir Path dir) throws Exception {
    Path notAFolder = dir.resolve("plain-file");
    Files.writeString(notAFolder, "x");
    JsonLinesAlertSink sink = new JsonLinesAlertSink(notAFolder.resolve("alerts.jsonl"));
    assertThat(sink.deliver(Alerts.three())).isEqualTo(new AlertSink.Delivery(0, 3));
  }
}
