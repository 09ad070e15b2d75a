package io.clickpulse.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The canonical event every accepted producer shape is decoded into. Fields a shape does not
 * carry are null. {@code eventId} is the click id, or a stable hash for shapes without one.
 */
public record ClickEventRecord(
    String eventId,
    String sourceShape,
    String eventName,
    Instant eventTime,
    String userId,
    String deviceId,
    String pixelId,
    String clickId,
    Instant insertionTime,
    String userIp,
    String userAgent,
    String pageUrl,
    String referrer,
    Long productId,
    BigDecimal price,
    Double percentViewed,
    Integer timeOnData,
    String elementClicked,
    Double timeSpent,
    String restaurantName) {}
