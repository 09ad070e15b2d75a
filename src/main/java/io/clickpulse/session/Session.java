package io.clickpulse.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One session of one user on one device. */
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
    BigDecimal revenue) {}
