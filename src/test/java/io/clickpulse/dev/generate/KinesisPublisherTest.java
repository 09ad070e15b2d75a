package io.clickpulse.dev.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.dev.generate.OutgoingRecord.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Batching limits and partial-failure retries; the real Kinesis round trip is in LocalStackTest.
 */
class KinesisPublisherTest {

  static OutgoingRecord record(int i, int size) {
    byte[] data = new byte[size];
    data[0] = (byte) i;
    return new OutgoingRecord(data, "user-" + i, Fault.NONE, null);
  }

  @Test
  void batchesRespectEntryAndByteLimits() {
    List<Integer> batchSizes = new ArrayList<>();
    List<Integer> batchBytes = new ArrayList<>();
    PutRecordsApi api =
        (stream, batch) -> {
          batchSizes.add(batch.size());
          batchBytes.add(batch.stream().mapToInt(OutgoingRecord::sizeBytes).sum());
          return batch.stream().map(r -> Optional.<String>empty()).toList();
        };
    SendReport report = new SendReport();
    KinesisPublisher p = new KinesisPublisher(api, "s", report, 3, Duration.ZERO);
    for (int i = 0; i < 1200; i++) {
      p.add(record(i, 10));
    }
    for (int i = 0; i < 12; i++) {
      p.add(record(i, 900 * 1024));
    }
    p.flush();
    assertThat(batchSizes).startsWith(500, 500);
    assertThat(batchBytes)
        .allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(KinesisPublisher.MAX_CALL_BYTES));
    assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1212);
    assertThat(report.records()).isEqualTo(1212);
  }

  @Test
  void onlyFailedEntriesAreResent() {
    List<List<OutgoingRecord>> calls = new ArrayList<>();
    PutRecordsApi api =
        (stream, batch) -> {
          calls.add(List.copyOf(batch));
          List<Optional<String>> r = new ArrayList<>();
          for (int i = 0; i < batch.size(); i++) {
            // first call: every third entry throttled
            r.add(
                calls.size() == 1 && i % 3 == 0
                    ? Optional.of("ProvisionedThroughputExceededException: slow down")
                    : Optional.empty());
          }
          return r;
        };
    SendReport report = new SendReport();
    KinesisPublisher p = new KinesisPublisher(api, "s", report, 3, Duration.ZERO);
    for (int i = 0; i < 9; i++) {
      p.add(record(i, 10));
    }
    p.flush();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1))
        .containsExactly(calls.get(0).get(0), calls.get(0).get(3), calls.get(0).get(6));
    assertThat(report.records()).isEqualTo(9);
    assertThat(report.retriedEntries()).isEqualTo(3);
  }

  @Test
  void givesUpWithACountAndTheLastErrorAfterMaxAttempts() {
    PutRecordsApi api =
        (stream, batch) -> batch.stream().map(r -> Optional.of("InternalFailure: boom")).toList();
    KinesisPublisher p = new KinesisPublisher(api, "clicks", new SendReport(), 3, Duration.ZERO);
    p.add(record(1, 10));
    assertThatThrownBy(p::flush)
        .hasMessageContaining("1 records still rejected after 3")
        .hasMessageContaining("'clicks'")
        .hasMessageContaining("InternalFailure: boom");
  }

  @Test
  void oversizedRecordIsRefusedBeforeSending() {
    KinesisPublisher p =
        new KinesisPublisher((s, b) -> List.of(), "s", new SendReport(), 3, Duration.ZERO);
    assertThatThrownBy(() -> p.add(record(1, KinesisPublisher.MAX_RECORD_BYTES + 1)))
        .hasMessageContaining("1 MiB");
  }
}
