package io.clickpulse.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupState;

/**
 * {@link GapSessionizer} under {@code flatMapGroupsWithState}, per user and device. As in Spark's
 * own stateful operators, an event at or before the event-time watermark W is late; so a session is
 * emitted once W reached its end + gap (no event after W can extend it any more), exactly once and
 * final. A late event cannot be placed without changing emitted sessions: it is emitted as late,
 * with its reason (see {@link SessionInput#selectStreaming} for how it reaches this function at
 * all). The event-time timeout wakes a user's state when W reaches the next close. Duplicate ids
 * (producer retries, source re-reads) count once: ids of open events and of events emitted within
 * the dedup retention are remembered.
 */
public final class StreamingSessionizer
    implements FlatMapGroupsWithStateFunction<String, Row, SessionState, SessionOutput> {
  private static final long serialVersionUID = 1L;
  private final GapSessionizer sessionizer;
  private final long gapMicros;
  private final long retentionMicros;

  public StreamingSessionizer(Duration gap, Duration maxLength, Duration dedupRetention) {
    this.sessionizer = new GapSessionizer(gap, maxLength);
    this.gapMicros = gap.toNanos() / 1000;
    this.retentionMicros = dedupRetention.toNanos() / 1000;
  }

  @Override
  public Iterator<SessionOutput> call(
      String key, Iterator<Row> rows, GroupState<SessionState> state) {
    String[] userDevice = SessionInput.splitKey(key);
    long watermarkMs = state.getCurrentWatermarkMs();
    long w = watermarkMs * 1000;
    SessionState s = state.exists() ? state.get() : new SessionState();
    Map<String, OpenEvent> open = new LinkedHashMap<>();
    s.getOpen().forEach(e -> open.put(e.getEventId(), e));
    Map<String, Long> emitted = new HashMap<>(s.getEmitted());
    List<SessionOutput> out = new ArrayList<>();

    while (rows.hasNext()) {
      OpenEvent e = SessionInput.event(rows.next());
      if (open.containsKey(e.getEventId()) || emitted.containsKey(e.getEventId())) {
        continue;
      }
      if (e.getTimeMicros() <= w) {
        out.add(
            SessionOutput.late(
                userDevice[0],
                userDevice[1],
                e,
                w,
                "event time is behind the watermark "
                    + "(later than sessions.allowed-lateness): its session may already be closed"));
        emitted.put(e.getEventId(), e.getTimeMicros());
        continue;
      }
      open.put(e.getEventId(), e);
    }

    long nextClose = Long.MAX_VALUE;
    if (!open.isEmpty()) {
      List<SessionEvent> events = open.values().stream().map(OpenEvent::toSessionEvent).toList();
      for (Session session : sessionizer.sessions(userDevice[0], userDevice[1], events)) {
        long start = SessionInput.micros(session.start());
        long end = SessionInput.micros(session.end());
        if (end + gapMicros <= w) {
          out.add(SessionOutput.session(session));
          // sessions cover disjoint time ranges: the session's events are those within it
          open.values()
              .removeIf(
                  e -> {
                    boolean inside = e.getTimeMicros() >= start && e.getTimeMicros() <= end;
                    if (inside) {
                      emitted.put(e.getEventId(), e.getTimeMicros());
                    }
                    return inside;
                  });
        } else {
          nextClose = Math.min(nextClose, end + gapMicros);
        }
      }
    }
    emitted.values().removeIf(t -> t + retentionMicros < w);

    if (open.isEmpty() && emitted.isEmpty()) {
      state.remove();
    } else {
      s.setOpen(new ArrayList<>(open.values()));
      s.setEmitted(emitted);
      state.update(s);
      long wake = nextClose;
      for (long t : emitted.values()) {
        wake = Math.min(wake, t + retentionMicros + 1);
      }
      // the timeout fires once the watermark is past it; Spark allows no timeout at or before W
      state.setTimeoutTimestamp(Math.max(Math.floorDiv(wake, 1000), watermarkMs + 1));
    }
    return out.iterator();
  }
}
