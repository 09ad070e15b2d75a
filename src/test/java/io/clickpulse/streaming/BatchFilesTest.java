package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.sink.IdempotentFileSink;
import io.clickpulse.sink.LakeDataset;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchFilesTest {
  private static final long H10 = Instant.parse("2026-11-21T10:00:00Z").getEpochSecond() / 3600;

  @Test
  void hourlyAndDailyDatasetsGetTheirPartitionFolders() {
    IdempotentFileSink raw = LakeDataset.RAW.sink("file:/lake/raw");
    IdempotentFileSink bad = LakeDataset.BAD_RECORDS.sink("file:/lake/bad_records");
    BatchFiles files =
        BatchFiles.none()
            .with(LakeDataset.RAW, raw, List.of(H10, H10 + 1))
            .with(LakeDataset.BAD_RECORDS, bad, List.of(H10, H10 + 1, H10 + 14));

    assertThat(files.sinks())
        .containsOnlyKeys(LakeDataset.RAW.folder(), LakeDataset.BAD_RECORDS.folder());
    assertThat(files.sinks().get(LakeDataset.RAW.folder())).isSameAs(raw);
    assertThat(files.folders().get(LakeDataset.RAW.folder()))
        .containsExactly("year=2026/month=11/day=21/hour=10", "year=2026/month=11/day=21/hour=11");
    assertThat(files.folders().get(LakeDataset.BAD_RECORDS.folder()))
        .as("one folder a day")
        .containsExactly("year=2026/month=11/day=21", "year=2026/month=11/day=22");
  }

  @Test
  void noneHasNoFolders() {
    assertThat(BatchFiles.none().folders()).isEmpty();
    assertThat(
            BatchFiles.none()
                .with(LakeDataset.RAW, null, List.of())
                .folders()
                .get(LakeDataset.RAW.folder()))
        .isEmpty();
  }
}
