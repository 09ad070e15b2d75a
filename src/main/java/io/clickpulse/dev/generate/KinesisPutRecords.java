package io.clickpulse.dev.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** {@link PutRecordsApi} on the AWS SDK: one PutRecords request per batch. */
public final class KinesisPutRecords implements PutRecordsApi {
  private final KinesisClient kinesis;

  public KinesisPutRecords(KinesisClient kinesis) {
    this.kinesis = kinesis;
  }

  @Override
  public List<Optional<String>> putRecords(String stream, List<OutgoingRecord> batch) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>(batch.size());
    for (OutgoingRecord r : batch) {
      entries.add(
          PutRecordsRequestEntry.builder()
              .data(SdkBytes.fromByteArrayUnsafe(r.data()))
              .partitionKey(r.partitionKey())
              .build());
    }
    PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
    List<Optional<String>> out = new ArrayList<>(batch.size());
    for (PutRecordsResultEntry e : response.records()) {
      out.add(
          e.errorCode() == null
              ? Optional.empty()
              : Optional.of(e.errorCode() + ": " + e.errorMessage()));
    }
    return out;
  }
}
