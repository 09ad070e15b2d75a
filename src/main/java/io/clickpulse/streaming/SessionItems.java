package io.clickpulse.streaming;

import io.clickpulse.session.SessionStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The DynamoDB session items of one batch attempt: recorded with the attempt before they are
 * written, so that a replay that reads other records deletes the items only an earlier attempt
 * wrote (a replay that writes an item again simply puts it).
 */
final class SessionItems {
  static final String OUTPUT = "session-items";

  private SessionItems() {}

  /**
   * Records this attempt's keys and deletes the earlier attempts' keys it does not write; returns
   * how many were deleted.
   */
  static int replaceEarlier(BatchAttempt attempt, SessionStore store, List<SessionStore.Key> keys) {
    Set<String> own = new LinkedHashSet<>();
    keys.forEach(k -> own.add(k.toEntry()));
    Set<String> stale = new LinkedHashSet<>(attempt.record(OUTPUT, own));
    stale.removeAll(own);
    if (stale.isEmpty()) {
      return 0;
    }
    return store.delete(stale.stream().map(SessionStore.Key::fromEntry).toList());
  }
}
