package io.clickpulse.session;

/**
 * The names of the sessions/ table's columns ({@link SessionTables#sessions}), declared once:
 * session_alerts/ and the DynamoDB sessions items use them too. User and device are the events'
 * columns ({@link io.clickpulse.event.EventColumns}).
 */
public final class SessionColumns {
  public static final String SESSION_ID = "session_id";
  public static final String SESSION_START = "session_start";
  public static final String SESSION_END = "session_end";
  public static final String DURATION_SEC = "duration_sec";
  public static final String EVENTS = "events";
  public static final String ENTRY_ACTION = "entry_action";
  public static final String EXIT_ACTION = "exit_action";
  public static final String EVENT_COUNTS = "event_counts";
  public static final String PRODUCTS_VIEWED = "products_viewed";
  public static final String CONVERTED = "converted";
  public static final String REVENUE = "revenue";

  private SessionColumns() {}
}
