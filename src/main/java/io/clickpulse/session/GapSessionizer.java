package io.clickpulse.session;

import io.clickpulse.event.EventName;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gap-based sessions of one user on one device: events in event-time order; a session ends when the
 * next event comes more than {@code gap} after the previous one, or would make the session longer
 * than {@code maxLength} (longer activity starts a new session). An event exactly {@code gap} after
 * the previous one still belongs to the session. Duplicate event ids count once. The session id is
 * a hash of user, device and start, so a re-run yields the same ids.
 */
public final class GapSessionizer implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Duration gap;
  private final Duration maxLength;

  public GapSessionizer(Duration gap, Duration maxLength) {
    if (gap.isNegative() || gap.isZero() || maxLength.compareTo(gap) < 0) {
      throw new IllegalArgumentException(
          "need 0 < gap <= max length, got gap " + gap + ", max " + maxLength);
    }
    this.gap = gap;
    this.maxLength = maxLength;
  }

  public List<Session> sessions(String userId, String deviceId, List<SessionEvent> events) {
    List<SessionEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(SessionEvent::time).thenComparing(SessionEvent::eventId));
    List<Session> out = new ArrayList<>();
    List<SessionEvent> current = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SessionEvent e : sorted) {
      if (!seen.add(e.eventId())) {
        continue;
      }
      if (!current.isEmpty()) {
        SessionEvent last = current.get(current.size() - 1);
        boolean gapExceeded = Duration.between(last.time(), e.time()).compareTo(gap) > 0;
        boolean tooLong =
            Duration.between(current.get(0).time(), e.time()).compareTo(maxLength) > 0;
        if (gapExceeded || tooLong) {
          out.add(close(userId, deviceId, current));
          current = new ArrayList<>();
        }
      }
      current.add(e);
    }
    if (!current.isEmpty()) {
      out.add(close(userId, deviceId, current));
    }
    return out;
  }

  private static Session close(String userId, String deviceId, List<SessionEvent> events) {
    SessionEvent first = events.get(0);
    SessionEvent last = events.get(events.size() - 1);
    Map<String, Integer> counts = new TreeMap<>();
    // insertion order over the time-sorted events: products in order of first view (sessions.sql)
    Set<Long> viewed = new LinkedHashSet<>();
    BigDecimal revenue = BigDecimal.ZERO;
    boolean converted = false;
    for (SessionEvent e : events) {
      counts.merge(e.eventName(), 1, Integer::sum);
      if (EventName.VIEW_CONTENT.equals(e.eventName()) && e.productId() != null) {
        viewed.add(e.productId());
      }
      if (EventName.PURCHASE.equals(e.eventName())) {
        converted = true;
        if (e.price() != null) {
          revenue = revenue.add(e.price());
        }
      }
    }
    return Session.builder()
        .sessionId(sessionId(userId, deviceId, first))
        .userId(userId)
        .deviceId(deviceId)
        .start(first.time())
        .end(last.time())
        .durationSeconds(Duration.between(first.time(), last.time()).toSeconds())
        .events(events.size())
        .entryAction(first.eventName())
        .exitAction(last.eventName())
        .countsByEventName(Map.copyOf(counts))
        .productsViewed(List.copyOf(viewed))
        .converted(converted)
        .revenue(revenue)
        .build();
  }

  static String sessionId(String userId, String deviceId, SessionEvent first) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String key =
          userId
              + '\u0001'
              + deviceId
              + '\u0001'
              + first.time().getEpochSecond()
              + '.'
              + first.time().getNano();
      return "s-"
          + HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
