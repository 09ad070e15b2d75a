package io.clickpulse.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * The distinct users of a product_demand item, bounded in size: the exact ids while they take at
 * most {@link #MAX_EXACT_BYTES}, and always an HLL sketch (Apache DataSketches, the version Spark
 * itself ships for {@code hll_sketch_agg}). A DynamoDB item holds at most 400 KB, and a popular
 * product-minute can see tens of thousands of users; past the exact limit the count is the sketch's
 * estimate (about 1.6 % standard error at lgK 12, exact in its small-count modes).
 */
public final class UniqueUsers {
  /**
   * The exact ids kept per item: two copies (current and before the last batch) stay far below 400
   * KB.
   */
  public static final int MAX_EXACT_BYTES = 64 * 1024;

  private static final int LG_K = 12;

  private final Set<String> ids; // null once past MAX_EXACT_BYTES
  private final HllSketch sketch;

  private UniqueUsers(Set<String> ids, HllSketch sketch) {
    this.ids = ids;
    this.sketch = sketch;
  }

  public static UniqueUsers none() {
    return of(Set.of());
  }

  public static UniqueUsers of(Iterable<String> users) {
    HllSketch sketch = new HllSketch(LG_K, TgtHllType.HLL_4);
    Set<String> ids = new HashSet<>();
    for (String u : users) {
      ids.add(u);
      sketch.update(u);
    }
    return new UniqueUsers(withinLimit(ids), sketch);
  }

  /**
   * As stored: the ids (absent once past the limit) and the sketch's bytes (absent in old items).
   */
  public static UniqueUsers stored(Optional<Set<String>> ids, Optional<byte[]> sketch) {
    if (sketch.isEmpty()) {
      return of(ids.orElse(Set.of()));
    }
    return new UniqueUsers(ids.map(HashSet::new).orElse(null), HllSketch.heapify(sketch.get()));
  }

  public UniqueUsers union(UniqueUsers other) {
    Union u = new Union(LG_K);
    u.update(sketch);
    u.update(other.sketch);
    Set<String> both = null;
    if (ids != null && other.ids != null) {
      both = new HashSet<>(ids);
      both.addAll(other.ids);
    }
    return new UniqueUsers(withinLimit(both), u.getResult(TgtHllType.HLL_4));
  }

  /** The exact count while the ids are kept, else the sketch's estimate. */
  public long count() {
    return ids != null ? ids.size() : Math.round(sketch.getEstimate());
  }

  /** The exact ids, or empty once there were too many to keep. */
  public Optional<Set<String>> exactIds() {
    return Optional.ofNullable(ids).map(Set::copyOf);
  }

  public byte[] sketchBytes() {
    return sketch.toCompactByteArray();
  }

  private static Set<String> withinLimit(Set<String> ids) {
    if (ids == null) {
      return null;
    }
    long bytes = 0;
    for (String id : ids) {
      bytes += id.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_EXACT_BYTES) {
        return null;
      }
    }
    return ids;
  }
}
