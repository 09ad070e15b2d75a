package io.clickpulse.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed sessions: out-of-order events, a duplicate, an event exactly at the gap, the cap.
 */
class GapSessionizerTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  final GapSessionizer sessionizer =
      new GapSessionizer(Duration.ofMinutes(30), Duration.ofHours(2));

  static SessionEvent ev(String id, long minutes, String name, Long product, String price) {
    return new SessionEvent(
        id,
        T0.plus(Duration.ofMinutes(minutes)),
        name,
        product,
        price == null ? null : new BigDecimal(price));
  }

  @Test
  void outOfOrderDuplicateAndExactGap() {
    List<Session> s =
        sessionizer.sessions(
            "20",
            "mobile",
            List.of(
                ev("e3", 10, "AddToCart", 7L, "9.99"),
                ev("e1", 0, "Search", null, null),
                ev("e2", 5, "ViewContent", 7L, "9.99"),
                ev("e2", 5, "ViewContent", 7L, "9.99"), // duplicate: counted once
                ev("e4", 40, "Purchase", 7L, "9.99"), // exactly 30 min after e3: same session
                ev("e5", 71, "ViewContent", 8L, "5.00"))); // 31 min after e4: new session
    assertThat(s).hasSize(2);
    Session a = s.get(0);
    assertThat(a.start()).isEqualTo(T0);
    assertThat(a.end()).isEqualTo(T0.plus(Duration.ofMinutes(40)));
    assertThat(a.durationSeconds()).isEqualTo(2400);
    assertThat(a.events()).isEqualTo(4);
    assertThat(a.entryAction()).isEqualTo("Search");
    assertThat(a.exitAction()).isEqualTo("Purchase");
    assertThat(a.countsByEventName())
        .isEqualTo(Map.of("Search", 1, "ViewContent", 1, "AddToCart", 1, "Purchase", 1));
    assertThat(a.productsViewed()).containsExactly(7L);
    assertThat(a.converted()).isTrue();
    assertThat(a.revenue()).isEqualByComparingTo("9.99");
    Session b = s.get(1);
    assertThat(b.events()).isEqualTo(1);
    assertThat(b.durationSeconds()).isZero();
    assertThat(b.converted()).isFalse();
    assertThat(b.revenue()).isEqualByComparingTo("0");
    assertThat(a.sessionId()).isNotEqualTo(b.sessionId()).startsWith("s-");
  }

  @Test
  void productsViewedAreInOrderOfFirstViewNotById() {
    // given out of order: by time the views are 30, 5, 30 again, 12, then a search (no product)
    List<Session> s =
        sessionizer.sessions(
            "20",
            "mobile",
            List.of(
                ev("e4", 9, "ViewContent", 12L, "1.00"),
                ev("e1", 0, "ViewContent", 30L, "1.00"),
                ev("e3", 6, "ViewContent", 30L, "1.00"),
                ev("e5", 10, "AddToCart", 99L, "1.00"), // not a view: not listed
                ev("e2", 3, "ViewContent", 5L, "1.00")));
    assertThat(s).hasSize(1);
    assertThat(s.get(0).productsViewed()).containsExactly(30L, 5L, 12L);
  }

  @Test
  void sessionIdsAreStableAcrossRuns() {
    List<SessionEvent> events =
        List.of(ev("e1", 0, "Search", null, null), ev("e2", 1, "ViewContent", 1L, "1.00"));
    assertThat(sessionizer.sessions("1", "tablet", events).get(0).sessionId())
        .isEqualTo(
            sessionizer
                .sessions("1", "tablet", List.of(events.get(1), events.get(0)))
                .get(0)
                .sessionId())
        .isNotEqualTo(sessionizer.sessions("1", "mobile", events).get(0).sessionId());
  }

  @Test
  void activityLongerThanTheCapStartsANewSession() {
    // an event every 20 minutes for 5 hours, never a 30-minute gap: cut at 2 hours
    List<SessionEvent> events = new ArrayList<>();
    for (int i = 0; i <= 15; i++) {
      events.add(ev("e" + i, 20L * i, "ViewContent", 1L, "1.00"));
    }
    List<Session> s = sessionizer.sessions("9", "computer", events);
    assertThat(s).extracting(Session::events).containsExactly(7, 7, 2);
    assertThat(s).allSatisfy(x -> assertThat(x.durationSeconds()).isLessThanOrEqualTo(7200));
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new GapSessionizer(Duration.ZERO, Duration.ofHours(1)))
        .hasMessageContaining("gap");
    assertThatThrownBy(() -> new GapSessionizer(Duration.ofHours(2), Duration.ofHours(1)))
        .hasMessageContaining("max length");
  }
}
