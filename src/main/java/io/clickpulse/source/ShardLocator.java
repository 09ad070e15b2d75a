package io.clickpulse.source;

import io.clickpulse.aws.Shards;
import java.io.Serializable;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Finds the shard a record was read from. The Kinesis sources do not expose it, but Kinesis routes
 * by MD5(partition key) into each shard's hash key range; after a reshard, parent and child share a
 * range, and the record's sequence number falls within only one of them.
 */
public final class ShardLocator implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A shard's hash key range and sequence number range (end null while the shard is open). */
  public record ShardRange(
      String shardId,
      BigInteger startHash,
      BigInteger endHash,
      BigInteger startSeq,
      BigInteger endSeq)
      implements Serializable {}

  private final List<ShardRange> shards;

  public ShardLocator(List<ShardRange> shards) {
    this.shards = List.copyOf(shards);
  }

  public static ShardLocator of(KinesisClient kinesis, String stream) {
    List<ShardRange> ranges = new ArrayList<>();
    for (Shard s : Shards.list(kinesis, stream)) {
      ranges.add(
          new ShardRange(
              s.shardId(),
              new BigInteger(s.hashKeyRange().startingHashKey()),
              new BigInteger(s.hashKeyRange().endingHashKey()),
              new BigInteger(s.sequenceNumberRange().startingSequenceNumber()),
              s.sequenceNumberRange().endingSequenceNumber() == null
                  ? null
                  : new BigInteger(s.sequenceNumberRange().endingSequenceNumber())));
    }
    return new ShardLocator(ranges);
  }

  /** The shard id, or null when no shard matches (e.g. it expired from the stream). */
  public String locate(String partitionKey, String sequenceNumber) {
    if (partitionKey == null) {
      return null;
    }
    BigInteger hash = hash(partitionKey);
    BigInteger seq =
        sequenceNumber == null || !sequenceNumber.matches("\\d+")
            ? null
            : new BigInteger(sequenceNumber);
    ShardRange byHash = null;
    for (ShardRange s : shards) {
      if (hash.compareTo(s.startHash()) >= 0 && hash.compareTo(s.endHash()) <= 0) {
        if (seq == null
            || (seq.compareTo(s.startSeq()) >= 0
                && (s.endSeq() == null || seq.compareTo(s.endSeq()) <= 0))) {
          return s.shardId();
        }
        byHash = s;
      }
    }
    return byHash == null ? null : byHash.shardId();
  }

  static BigInteger hash(String partitionKey) {
    try {
      return new BigInteger(
          1,
          MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
