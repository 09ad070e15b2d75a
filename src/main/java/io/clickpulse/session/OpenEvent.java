package io.clickpulse.session;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * An event of a session that is still open, as kept in the streaming state (a bean for Spark's
 * encoder).
 */
public class OpenEvent implements Serializable {
  private static final long serialVersionUID = 1L;
  private String eventId;
  private long timeMicros;
  private String eventName;
  private Long productId;
  private BigDecimal price;

  public OpenEvent() {}

  public OpenEvent(
      String eventId, long timeMicros, String eventName, Long productId, BigDecimal price) {
    this.eventId = eventId;
    this.timeMicros = timeMicros;
    this.eventName = eventName;
    this.productId = productId;
    this.price = price;
  }

  public SessionEvent toSessionEvent() {
    return new SessionEvent(eventId, SessionInput.instant(timeMicros), eventName, productId, price);
  }

  public String getEventId() {
    return eventId;
  }

  public void setEventId(String eventId) {
    this.eventId = eventId;
  }

  public long getTimeMicros() {
    return timeMicros;
  }

  public void setTimeMicros(long timeMicros) {
    this.timeMicros = timeMicros;
  }

  public String getEventName() {
    return eventName;
  }

  public void setEventName(String eventName) {
    this.eventName = eventName;
  }

  public Long getProductId() {
    return productId;
  }

  public void setProductId(Long productId) {
    this.productId = productId;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public void setPrice(BigDecimal price) {
    this.price = price;
  }
}
