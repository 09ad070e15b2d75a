package io.clickpulse.session;

import java.math.BigDecimal;
import java.time.Instant;

/** What sessionization needs of one event of one user on one device. */
public record SessionEvent(
    String eventId, Instant time, String eventName, Long productId, BigDecimal price) {}
