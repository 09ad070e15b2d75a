package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sessions queries' metrics from a batch's counts (gap and stagger mode). */
class SessionCountsTest {

  @Test
  void gapModeMetricsAreMeansOverTheClosedSessions() {
    SessionCounts c = new SessionCounts(4, 1, 2, 100, 10, List.of(), List.of());
    assertThat(c.isEmpty()).isFalse();
    assertThat(c.metrics())
        .containsExactly(
            Map.entry("SessionsClosed", 4.0),
            Map.entry("MeanSessionDurationSeconds", 25.0),
            Map.entry("EventsPerSession", 2.5),
            Map.entry("ShortSessionAlerts", 1.0),
            Map.entry("LateEvents", 2.0));
  }

  @Test
  void onlyLateEventsIsNotEmptyAndHasNoMeans() {
    SessionCounts c = new SessionCounts(0, 0, 3, 0, 0, List.of(), List.of(490_000L));
    assertThat(c.isEmpty()).isFalse();
    assertThat(c.metrics())
        .containsEntry("MeanSessionDurationSeconds", 0.0)
        .containsEntry("EventsPerSession", 0.0)
        .containsEntry("LateEvents", 3.0);
    assertThat(new SessionCounts(0, 0, 0, 0, 0, List.of(), List.of()).isEmpty()).isTrue();
  }

  @Test
  void staggerModeMetricsAreTheRowsAndTheirMeans() {
    StaggerCounts c = new StaggerCounts(3, 1, 12.5, 4.0, List.of(490_000L));
    assertThat(c.metrics())
        .containsExactly(
            Map.entry("SessionsClosed", 3.0),
            Map.entry("MeanSessionDurationSeconds", 12.5),
            Map.entry("EventsPerSession", 4.0),
            Map.entry("ShortSessionAlerts", 1.0));
    assertThat(new StaggerCounts(0, 0, 0, 0, List.of()).isEmpty()).isTrue();
  }
}
