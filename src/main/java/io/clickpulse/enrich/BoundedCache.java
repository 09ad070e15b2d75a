package io.clickpulse.enrich;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A memo of a pure lookup, shared by the tasks of one executor. Bounded by emptying it when full:
 * clickstream keys (addresses, user agents, landing URLs) come in hot sets that refill it within a
 * batch, and a plain map keeps reads lock-free, which an LRU would not. Size 0 turns it off.
 */
final class BoundedCache<K, V> {
  private final ConcurrentHashMap<K, V> entries;
  private final int maxEntries;

  BoundedCache(int maxEntries) {
    this.maxEntries = maxEntries;
    this.entries = new ConcurrentHashMap<>(Math.min(Math.max(maxEntries, 16), 4096));
  }

  /**
   * The value for a non-null key, computed by {@code lookup} on a miss (which must not return
   * null).
   */
  V get(K key, Function<K, V> lookup) {
    if (maxEntries == 0) {
      return lookup.apply(key);
    }
    V value = entries.get(key);
    if (value == null) {
      value = lookup.apply(key);
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
      entries.put(key, value);
    }
    return value;
  }

  int size() {
    return entries.size();
  }
}
