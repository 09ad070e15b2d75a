package io.clickpulse.alert;

import java.time.Instant;
import java.util.List;

/** Alerts for the sink tests. */
final class Alerts {
  private Alerts() {}

  static SessionAlert gap(String user, String start) {
    Instant s = Instant.parse(start);
    return SessionAlert.gap(
        "sess-" + user, user, "phone", s, s.plusSeconds(4), 4, 2, "session shorter than 20 s");
  }

  static List<SessionAlert> three() {
    return List.of(
        gap("u1", "2026-11-21T10:00:00Z"),
        gap("u2", "2026-11-21T10:00:05Z"),
        gap("u3", "2026-11-21T10:00:09Z"));
  }
}
