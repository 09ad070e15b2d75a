package io.clickpulse.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/** {@link GapSessionizer} over all events of each user and device at once: the batch re-run. */
public final class BatchSessionizer implements FlatMapGroupsFunction<String, Row, SessionOutput> {
  private static final long serialVersionUID = 1L;
  private final GapSessionizer sessionizer;

  public BatchSessionizer(Duration gap, Duration maxLength) {
    this.sessionizer = new GapSessionizer(gap, maxLength);
  }

  /** Session columns ({@link SessionInput#select}) → one {@link SessionOutput} per session. */
  public Dataset<SessionOutput> sessions(Dataset<Row> input) {
    return input
        .groupByKey(SessionInput.key(), Encoders.STRING())
        .flatMapGroups(this, Encoders.bean(SessionOutput.class));
  }

  @Override
  public Iterator<SessionOutput> call(String key, Iterator<Row> rows) {
    String[] userDevice = SessionInput.splitKey(key);
    List<SessionEvent> events = new ArrayList<>();
    rows.forEachRemaining(r -> events.add(SessionInput.event(r).toSessionEvent()));
    return sessionizer.sessions(userDevice[0], userDevice[1], events).stream()
        .map(SessionOutput::session)
        .iterator();
  }
}
