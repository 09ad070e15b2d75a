package io.clickpulse.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The canonical event every accepted producer shape is decoded into. Fields a shape does not carry
 * are null. {@code eventId} is the click id, or a stable hash for shapes without one. Built by name
 * ({@link #builder}): twenty components, many of one type, would swap silently by position. Each
 * component is a column of {@link DecodedSchema#EVENT} (DecodedColumnsTest).
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
    String restaurantName) {

  public static Builder builder() {
    return new Builder();
  }

  /** Every field null until set. */
  public static final class Builder {
    private String eventId;
    private String sourceShape;
    private String eventName;
    private Instant eventTime;
    private String userId;
    private String deviceId;
    private String pixelId;
    private String clickId;
    private Instant insertionTime;
    private String userIp;
    private String userAgent;
    private String pageUrl;
    private String referrer;
    private Long productId;
    private BigDecimal price;
    private Double percentViewed;
    private Integer timeOnData;
    private String elementClicked;
    private Double timeSpent;
    private String restaurantName;

    private Builder() {}

    public Builder eventId(String v) {
      eventId = v;
      return this;
    }

    public Builder sourceShape(String v) {
      sourceShape = v;
      return this;
    }

    public Builder eventName(String v) {
      eventName = v;
      return this;
    }

    public Builder eventTime(Instant v) {
      eventTime = v;
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

    public Builder pixelId(String v) {
      pixelId = v;
      return this;
    }

    public Builder clickId(String v) {
      clickId = v;
      return this;
    }

    public Builder insertionTime(Instant v) {
      insertionTime = v;
      return this;
    }

    public Builder userIp(String v) {
      userIp = v;
      return this;
    }

    public Builder userAgent(String v) {
      userAgent = v;
      return this;
    }

    public Builder pageUrl(String v) {
      pageUrl = v;
      return this;
    }

    public Builder referrer(String v) {
      referrer = v;
      return this;
    }

    public Builder productId(Long v) {
      productId = v;
      return this;
    }

    public Builder price(BigDecimal v) {
      price = v;
      return this;
    }

    public Builder percentViewed(Double v) {
      percentViewed = v;
      return this;
    }

    public Builder timeOnData(Integer v) {
      timeOnData = v;
      return this;
    }

    public Builder elementClicked(String v) {
      elementClicked = v;
      return this;
    }

    public Builder timeSpent(Double v) {
      timeSpent = v;
      return this;
    }

    public Builder restaurantName(String v) {
      restaurantName = v;
      return this;
    }

    public ClickEventRecord build() {
      return new ClickEventRecord(
          eventId,
          sourceShape,
          eventName,
          eventTime,
          userId,
          deviceId,
          pixelId,
          clickId,
          insertionTime,
          userIp,
          userAgent,
          pageUrl,
          referrer,
          productId,
          price,
          percentViewed,
          timeOnData,
          elementClicked,
          timeSpent,
          restaurantName);
    }
  }
}
