package io.clickpulse.dev.collect;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Kinesis partition key of an event: its user_id, as the stream is keyed everywhere else (one
 * user's events stay in order on one shard); without a usable one, its device_id; without either,
 * {@code anon-} and a hash of the event's bytes, so that a retried event lands on the same shard
 * and events without ids still spread over all shards.
 */
public final class PartitionKeys {
  /** Kinesis: a partition key is 1 to 256 Unicode characters. */
  static final int MAX_KEY_CHARS = 256;

  static final String ANONYMOUS_PREFIX = "anon-";

  private PartitionKeys() {}

  /**
   * {@code userId} and {@code deviceId} are the event's top-level values as text (a string, or an
   * integer's digits), or null when absent or of another type.
   */
  public static String choose(String userId, String deviceId, byte[] data) {
    if (usable(userId)) {
      return userId;
    }
    if (usable(deviceId)) {
      return deviceId;
    }
    return ANONYMOUS_PREFIX + HexFormat.of().formatHex(sha256(data), 0, 8);
  }

  private static boolean usable(String key) {
    return key != null
        && !key.isBlank()
        && key.codePointCount(0, key.length()) <= MAX_KEY_CHARS
        && wellFormed(key);
  }

  /** No lone UTF-16 surrogate (a JSON escape such as \\ud800): it has no UTF-8 form. */
  private static boolean wellFormed(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < key.length()
          && Character.isLowSurrogate(key.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
