package io.clickpulse.dev.collect;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** {@link StreamPut} on the AWS SDK's Kinesis client. */
public final class KinesisStreamPut implements StreamPut {
  private final KinesisClient kinesis;

  public KinesisStreamPut(KinesisClient kinesis) {
    this.kinesis = kinesis;
  }

  @Override
  public List<PutOutcome> putRecords(String stream, List<IncomingEvent> entries) {
    List<PutRecordsRequestEntry> request = new ArrayList<>(entries.size());
    for (IncomingEvent e : entries) {
      request.add(
          PutRecordsRequestEntry.builder()
              .data(SdkBytes.fromByteArrayUnsafe(e.data()))
              .partitionKey(e.partitionKey())
              .build());
    }
    List<PutRecordsResultEntry> results =
        kinesis.putRecords(b -> b.streamName(stream).records(request)).records();
    List<PutOutcome> out = new ArrayList<>(results.size());
    for (PutRecordsResultEntry r : results) {
      out.add(
          r.errorCode() == null
              ? PutOutcome.accepted(r.shardId(), r.sequenceNumber())
              : PutOutcome.failed(r.errorCode(), r.errorMessage()));
    }
    return out;
  }
}
