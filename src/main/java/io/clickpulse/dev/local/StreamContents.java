package io.clickpulse.dev.local;

import io.clickpulse.aws.Shards;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads a whole stream from TRIM_HORIZON with GetRecords: for checks and the demo, not for jobs.
 */
public final class StreamContents {
  /** One record as stored in the stream. */
  public record StoredRecord(
      String shardId, String sequenceNumber, String partitionKey, byte[] data) {}

  private StreamContents() {}

  public static List<StoredRecord> readAll(KinesisClient kinesis, String stream) {
    List<StoredRecord> out = new ArrayList<>();
    List<Shard> shards = Shards.list(kinesis, stream);
    for (Shard shard : shards) {
      String iterator =
          kinesis
              .getShardIterator(
                  b ->
                      b.streamName(stream)
                          .shardId(shard.shardId())
                          .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      while (iterator != null) {
        String it = iterator;
        GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(it).limit(10_000));
        r.records()
            .forEach(
                rec ->
                    out.add(
                        new StoredRecord(
                            shard.shardId(),
                            rec.sequenceNumber(),
                            rec.partitionKey(),
                            rec.data().asByteArray())));
        if (r.records().isEmpty()
            && (r.millisBehindLatest() == null || r.millisBehindLatest() == 0)) {
          break; // caught up with this (open) shard
        }
        iterator = r.nextShardIterator();
      }
    }
    return out;
  }
}
