package io.clickpulse.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One short-session alert as it is delivered: a gap session or a stagger window shorter than
 * sessions.short-session-alert. Its {@code alertId} is derived from what the alert is about (kind,
 * mode, user, device, start, step), never from when it was sent: a replayed batch delivers the same
 * ids again, so a receiver can drop the copies.
 */
public record SessionAlert(
    String alertId,
    String kind,
    String mode,
    String sessionId,
    String userId,
    String deviceId,
    Instant start,
    Instant end,
    long durationSec,
    long events,
    String reason) {

  public static final String SHORT_SESSION = "short_session";

  /** A gap session's alert (its start is the session's first event, end its last). */
  public static SessionAlert gap(
      String sessionId,
      String userId,
      String deviceId,
      Instant start,
      Instant end,
      long durationSec,
      long events,
      String reason) {
    return new SessionAlert(
        id(SHORT_SESSION, "gap", userId, deviceId, start.toString()),
        SHORT_SESSION,
        "gap",
        sessionId,
        userId,
        deviceId,
        start,
        end,
        durationSec,
        events,
        reason);
  }

  /** A stagger window's alert (start and end: the window's bounds). */
  public static SessionAlert stagger(
      String sessionId,
      String userId,
      String deviceId,
      Instant windowStart,
      Instant windowEnd,
      long durationSec,
      long events,
      String reason) {
    String step = (windowEnd.getEpochSecond() - windowStart.getEpochSecond()) + "s";
    return new SessionAlert(
        id(SHORT_SESSION, "stagger-" + step, userId, deviceId, windowStart.toString()),
        SHORT_SESSION,
        "stagger",
        sessionId,
        userId,
        deviceId,
        windowStart,
        windowEnd,
        durationSec,
        events,
        reason);
  }

  /** A name-based UUID (version 3) of the parts: the same alert always gets the same id. */
  static String id(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The alert as its receivers get it (JSON object, snake_case names). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alert_id", alertId);
    m.put("alert", kind);
    m.put("mode", mode);
    m.put("session_id", sessionId);
    m.put("user_id", userId);
    m.put("device_id", deviceId);
    m.put("start", start.toString());
    m.put("end", end.toString());
    m.put("duration_sec", durationSec);
    m.put("events", events);
    m.put("reason", reason);
    return m;
  }
}
