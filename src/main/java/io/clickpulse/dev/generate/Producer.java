package io.clickpulse.dev.generate;

/**
 * The source systems the generator simulates, each in the record shape its tracker sends (the
 * decoder's {@code source_shape}): the web shop's pixel tracker, the beer shop's mobile app tracker
 * and the UI clicks of a restaurant ordering page. Spelled in config as its name in lower case.
 */
public enum Producer {
  /** Web shop pages: event_name, timestamp, click_id, additional_data (product, price). */
  PIXEL,
  /**
   * The beer shop app: user_id, device_id, client_event, client_timestamp (the sessions source).
   */
  APP,
  /** A restaurant ordering page: element_clicked, time_spent, restaurant_name, created_at. */
  UI
}
