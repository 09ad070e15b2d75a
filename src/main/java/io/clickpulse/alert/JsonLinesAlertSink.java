package io.clickpulse.alert;

import io.clickpulse.metrics.JsonLinesFile;
import java.nio.file.Path;
import java.util.List;

/** alerts.sink=jsonl: each alert appended to a local file as one JSON line. */
public final class JsonLinesAlertSink implements AlertSink {
  private final Path file;

  public JsonLinesAlertSink(Path file) {
    this.file = file;
  }

  @Override
  public Delivery deliver(List<SessionAlert> alerts) {
    return OneByOne.deliver(file.toString(), alerts, 1, a -> JsonLinesFile.append(file, a.toMap()));
  }
}
