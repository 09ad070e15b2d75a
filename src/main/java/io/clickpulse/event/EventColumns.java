package io.clickpulse.event;

/**
 * The names of the decoded record's columns, declared once for every stage that reads them (their
 * types and order are {@link DecodedSchema}'s). The event columns are also the events/ table's
 * first columns, so athena-ddl/tables/events.sql names them too.
 */
public final class EventColumns {
  // the canonical event (ClickEventRecord's components)
  public static final String EVENT_ID = "event_id";
  public static final String SOURCE_SHAPE = "source_shape";
  public static final String EVENT_NAME = "event_name";
  public static final String EVENT_TIME = "event_time";
  public static final String USER_ID = "user_id";
  public static final String DEVICE_ID = "device_id";
  public static final String PIXEL_ID = "pixel_id";
  public static final String CLICK_ID = "click_id";
  public static final String INSERTION_TIME = "insertion_time";
  public static final String USER_IP = "user_ip";
  public static final String USER_AGENT = "user_agent";
  public static final String PAGE_URL = "page_url";
  public static final String REFERRER = "referrer";
  public static final String PRODUCT_ID = "product_id";
  public static final String PRICE = "price";
  public static final String PERCENT_VIEWED = "percent_viewed";
  public static final String TIME_ON_DATA = "time_on_data";
  public static final String ELEMENT_CLICKED = "element_clicked";
  public static final String TIME_SPENT = "time_spent";
  public static final String RESTAURANT_NAME = "restaurant_name";

  // the verdict and where the record came from
  public static final String STATUS = "status";
  public static final String REASON = "reason";
  public static final String REASON_DETAIL = "reason_detail";
  public static final String PARTITION_KEY = "partition_key";
  public static final String SEQUENCE_NUMBER = "sequence_number";
  public static final String ARRIVAL_TIME = "arrival_time";
  public static final String PAYLOAD = "payload";
  public static final String PAYLOAD_BASE64 = "payload_base64";
  public static final String PAYLOAD_BYTES = "payload_bytes";

  private EventColumns() {}
}
