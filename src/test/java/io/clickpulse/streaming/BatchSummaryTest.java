package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.metrics.JsonLinesFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One batch's summary: the driver log line and the batch log line, with every field the demo and
 * bench read.
 */
class BatchSummaryTest {
  private static BatchCounts counts() {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    byStatus.put("ok", 90L);
    byStatus.put("bad:not_json", 7L);
    byStatus.put("bad:missing_field", 3L);
    return new BatchCounts(byStatus, 12);
  }

  private static final BatchSummary SUMMARY =
      new BatchSummary(
          7,
          counts(),
          new double[] {1000, 2000},
          new BatchOutputs(
              4, new BatchOutputs.Demand(new DemandStore.Outcome(5, 2, 1), 1_800_000_000_000L)),
          321);

  @Test
  void theDriverLogLineSaysWhatTheBatchDid() {
    StepTimer steps = new StepTimer();
    steps.record("raw", 40);
    assertThat(SUMMARY.describe(steps))
        .isEqualTo(
            "batch 7: 90 events, 10 bad records {ok=90, bad:not_json=7,"
                + " bad:missing_field=3}, 12 high-intent, demand items 5 written (2 replayed, 1 reverted), 4 files of an earlier"
                + " attempt removed, 321 ms {raw=40}");
  }

  @Test
  void theBatchLogLineKeepsItsFields(@TempDir Path dir) {
    Path file = dir.resolve("batches.jsonl");
    new BatchLog(Optional.of(file)).record(SUMMARY);
    new BatchLog(Optional.of(file))
        .record(
            new BatchSummary(
                8,
                new BatchCounts(Map.of(), 0),
                new double[0],
                new BatchOutputs(0, new BatchOutputs.Demand(DemandStore.Outcome.NONE, 0)),
                5));

    var lines = JsonLinesFile.read(file);
    assertThat(lines).hasSize(2);
    var line = lines.get(0);
    assertThat(line.fieldNames())
        .toIterable()
        .containsExactly(
            "batch_id",
            "at",
            "records",
            "high_intent",
            "demand_items_written",
            "demand_items_replayed",
            "demand_items_reverted",
            "millis",
            "completed_ms",
            "demand_visible_ms",
            "arrival_deciles_ms");
    assertThat(line.get("demand_items_replayed").asLong()).isEqualTo(2);
    assertThat(line.get("millis").asLong()).isEqualTo(321);
    assertThat(lines.get(1).has("demand_visible_ms"))
        .as("no demand written: no visible time")
        .isFalse();

    BatchLog.Entry entry = BatchLog.read(file).get(0);
    assertThat(entry.batchId()).isEqualTo(7);
    assertThat(entry.records()).containsExactlyEntriesOf(counts().byStatus());
    assertThat(entry.total()).isEqualTo(100);
    assertThat(entry.highIntent()).isEqualTo(12);
    assertThat(entry.demandItemsWritten()).isEqualTo(5);
    assertThat(entry.demandVisibleMs()).isEqualTo(1_800_000_000_000L);
    assertThat(entry.arrivalDecilesMs()).containsExactly(1000, 2000);
  }
}
