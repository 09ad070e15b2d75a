package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeLayout;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchFilesTest {
  private static final long H10 = Instant.parse("2026-11-21T10:00:00Z").getEpochSecond() / 3600;

  @Test
  void hourlyAndDailyDatasetsGetTheirPartitionFolders() {
    IdempotentFileSink raw = IdempotentFileSink.parquet("file:/lake/raw", LakeLayout.HOURLY);
    IdempotentFileSink bad = IdempotentFileSink.parquet("file:/lake/bad_records", LakeLayout.DAILY);
    BatchFiles files = BatchFiles.none()
        .hourly(LakeLayout.RAW, raw, List.of(H10, H10 + 1))
        .daily(LakeLayout.BAD_RECORDS, bad, List.of(H10, H10 + 1, H10 + 14));

    assertThat(files.sinks()).containsOnlyKeys(LakeLayout.RAW, LakeLayout.BAD_RECORDS);
    assertThat(files.sinks().get(LakeLayout.RAW)).isSameAs(raw);
    assertThat(files.folders().get(LakeLayout.RAW))
        .containsExactly("year=2026/month=11/day=21/hour=10", "year=2026/month=11/day=21/hour=11");
    assertThat(files.folders().get(LakeLayout.BAD_RECORDS))
        .as("one folder a day").containsExactly("year=2026/month=11/day=21", "year=2026/month=11/day=22");
  }

  @Test
  void noneHasNoFolders() {
    assertThat(BatchFiles.none().folders()).isEmpty();
    assertThat(BatchFiles.none().hourly(LakeLayout.RAW, null, List.of()).folders().get(LakeLayout.RAW)).isEmpty();
  }
}
