package io.clickpulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Alert ids are made of what the alert is about, so a replay sends the same ids again. */
class SessionAlertTest {
  private static final Instant T = Instant.parse("2026-11-21T10:00:30Z");

  @Test
  void theSameSessionGetsTheSameIdWhateverElseChanged() {
    SessionAlert a = SessionAlert.gap("s1", "u1", "phone", T, T.plusSeconds(3), 3, 2, "short");
    SessionAlert again =
        SessionAlert.gap("s1", "u1", "phone", T, T.plusSeconds(5), 5, 4, "other reason");
    assertThat(again.alertId()).isEqualTo(a.alertId()).hasSize(36);
    assertThat(SessionAlert.gap("s1", "u1", "tablet", T, T, 0, 1, "short").alertId())
        .isNotEqualTo(a.alertId());
    assertThat(SessionAlert.gap("s1", "u2", "phone", T, T, 0, 1, "short").alertId())
        .isNotEqualTo(a.alertId());
  }

  @Test
  void staggerWindowsOfEachStepAndGapSessionsNeverShareAnId() {
    SessionAlert gap = SessionAlert.gap("s1", "u1", "MOB", T, T.plusSeconds(3), 3, 2, "short");
    SessionAlert w30 =
        SessionAlert.stagger("20_MOB1", "u1", "MOB", T, T.plusSeconds(30), 3, 2, "short");
    SessionAlert w60 =
        SessionAlert.stagger("20_MOB1", "u1", "MOB", T, T.plusSeconds(60), 3, 2, "short");
    assertThat(Set.of(gap.alertId(), w30.alertId(), w60.alertId())).hasSize(3);
    assertThat(w30.toMap())
        .containsEntry("alert_id", w30.alertId())
        .containsEntry("alert", "short_session")
        .containsEntry("mode", "stagger")
        .containsEntry("start", "2026-11-21T10:00:30Z")
        .containsEntry("end", "2026-11-21T10:01:00Z")
        .containsEntry("duration_sec", 3L);
  }
}
