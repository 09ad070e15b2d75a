package io.clickpulse.session;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sessionizers emit (a bean for Spark's encoder): a closed session ({@link #SESSION}) or
 * an event that came later than the allowed lateness ({@link #LATE}), with its reason. {@link
 * SessionTables} turns these into the output tables' columns.
 */
public class SessionOutput implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String SESSION = "session";
  public static final String LATE = "late";

  private String kind;
  private String userId;
  private String deviceId;
  private String sessionId;
  private Timestamp start;
  private Timestamp end;
  private long durationSec;
  private int events;
  private String entryAction;
  private String exitAction;
  private Map<String, Integer> eventCounts;
  private List<Long> productsViewed;
  private boolean converted;
  private BigDecimal revenue;
  private String eventId;
  private String eventName;
  private Timestamp eventTime;
  private Timestamp watermark;
  private String reason;

  public SessionOutput() {}

  public static SessionOutput session(Session s) {
    SessionOutput o = new SessionOutput();
    o.kind = SESSION;
    o.userId = s.userId();
    o.deviceId = s.deviceId();
    o.sessionId = s.sessionId();
    o.start = Timestamp.from(s.start());
    o.end = Timestamp.from(s.end());
    o.durationSec = s.durationSeconds();
    o.events = s.events();
    o.entryAction = s.entryAction();
    o.exitAction = s.exitAction();
    o.eventCounts = new TreeMap<>(s.countsByEventName());
    o.productsViewed = new ArrayList<>(s.productsViewed());
    o.converted = s.converted();
    o.revenue = s.revenue();
    return o;
  }

  public static SessionOutput late(
      String userId, String deviceId, OpenEvent e, long watermarkMicros, String reason) {
    SessionOutput o = new SessionOutput();
    o.kind = LATE;
    o.userId = userId;
    o.deviceId = deviceId;
    o.eventId = e.getEventId();
    o.eventName = e.getEventName();
    o.eventTime = Timestamp.from(SessionInput.instant(e.getTimeMicros()));
    o.watermark = Timestamp.from(SessionInput.instant(watermarkMicros));
    o.reason = reason;
    return o;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }

  public String getDeviceId() {
    return deviceId;
  }

  public void setDeviceId(String deviceId) {
    this.deviceId = deviceId;
  }

  public String getSessionId() {
    return sessionId;
  }

  public void setSessionId(String sessionId) {
    this.sessionId = sessionId;
  }

  public Timestamp getStart() {
    return start;
  }

  public void setStart(Timestamp start) {
    this.start = start;
  }

  public Timestamp getEnd() {
    return end;
  }

  public void setEnd(Timestamp end) {
    this.end = end;
  }

  public long getDurationSec() {
    return durationSec;
  }

  public void setDurationSec(long durationSec) {
    this.durationSec = durationSec;
  }

  public int getEvents() {
    return events;
  }

  public void setEvents(int events) {
    this.events = events;
  }

  public String getEntryAction() {
    return entryAction;
  }

  public void setEntryAction(String entryAction) {
    this.entryAction = entryAction;
  }

  public String getExitAction() {
    return exitAction;
  }

  public void setExitAction(String exitAction) {
    this.exitAction = exitAction;
  }

  public Map<String, Integer> getEventCounts() {
    return eventCounts;
  }

  public void setEventCounts(Map<String, Integer> eventCounts) {
    this.eventCounts = eventCounts;
  }

  public List<Long> getProductsViewed() {
    return productsViewed;
  }

  public void setProductsViewed(List<Long> productsViewed) {
    this.productsViewed = productsViewed;
  }

  public boolean isConverted() {
    return converted;
  }

  public void setConverted(boolean converted) {
    this.converted = converted;
  }

  public BigDecimal getRevenue() {
    return revenue;
  }

  public void setRevenue(BigDecimal revenue) {
    this.revenue = revenue;
  }

  public String getEventId() {
    return eventId;
  }

  public void setEventId(String eventId) {
    this.eventId = eventId;
  }

  public String getEventName() {
    return eventName;
  }

  public void setEventName(String eventName) {
    this.eventName = eventName;
  }

  public Timestamp getEventTime() {
    return eventTime;
  }

  public void setEventTime(Timestamp eventTime) {
    this.eventTime = eventTime;
  }

  public Timestamp getWatermark() {
    return watermark;
  }

  public void setWatermark(Timestamp watermark) {
    this.watermark = watermark;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
