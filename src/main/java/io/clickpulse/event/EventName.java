package io.clickpulse.event;

/**
 * The event names the code acts on: the decoder's checks, demand counts, sessions' views and
 * purchases. Names stay strings: app events may carry any plain name and the pixel tracker's names
 * are configured (streaming.pixel-event-names).
 */
public final class EventName {
  public static final String SEARCH = "Search";
  public static final String VIEW_CONTENT = "ViewContent";
  public static final String ADD_TO_CART = "AddToCart";
  public static final String PURCHASE = "Purchase";

  /** Every UI click event (element_clicked) is named this; the element is its own column. */
  public static final String CLICK = "click";

  private EventName() {}
}
