package io.clickpulse.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One session of one user on one device. Built by name ({@link #builder}): five strings and two
 * instants would swap silently by position.
 */
public record Session(
    String sessionId,
    String userId,
    String deviceId,
    Instant start,
    Instant end,
    long durationSeconds,
    int events,
    String entryAction,
    String exitAction,
    Map<String, Integer> countsByEventName,
    /** Distinct, in order of first view. */
    List<Long> productsViewed,
    boolean converted,
    BigDecimal revenue) {

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private String sessionId;
    private String userId;
    private String deviceId;
    private Instant start;
    private Instant end;
    private long durationSeconds;
    private int events;
    private String entryAction;
    private String exitAction;
    private Map<String, Integer> countsByEventName = Map.of();
    private List<Long> productsViewed = List.of();
    private boolean converted;
    private BigDecimal revenue = BigDecimal.ZERO;

    private Builder() {}

    public Builder sessionId(String v) {
      sessionId = v;
      return this;
    }

    public Builder userId(String v) {
      userId = v;
      return this;
    }

    public Builder deviceId(String v) {
      deviceId = v;
      return this;
    }

    public Builder start(Instant v) {
      start = v;
      return this;
    }

    public Builder end(Instant v) {
      end = v;
      return this;
    }

    public Builder durationSeconds(long v) {
      durationSeconds = v;
      return this;
    }

    public Builder events(int v) {
      events = v;
      return this;
    }

    public Builder entryAction(String v) {
      entryAction = v;
      return this;
    }

    public Builder exitAction(String v) {
      exitAction = v;
      return this;
    }

    public Builder countsByEventName(Map<String, Integer> v) {
      countsByEventName = v;
      return this;
    }

    public Builder productsViewed(List<Long> v) {
      productsViewed = v;
      return this;
    }

    public Builder converted(boolean v) {
      converted = v;
      return this;
    }

    public Builder revenue(BigDecimal v) {
      revenue = v;
      return this;
    }

    public Session build() {
      return new Session(
          sessionId,
          userId,
          deviceId,
          start,
          end,
          durationSeconds,
          events,
          entryAction,
          exitAction,
          countsByEventName,
          productsViewed,
          converted,
          revenue);
    }
  }
}
