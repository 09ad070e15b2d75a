package io.clickpulse.aggregate;

import io.clickpulse.event.EventColumns;

/**
 * The names of product_demand's columns, declared once: the aggregation's output columns are the
 * DynamoDB item's attributes, which the pricing handler reads back from the table's stream.
 */
public final class DemandColumns {
  /** The item's key: a product (the events' column) and its window's start. */
  public static final String PRODUCT_ID = EventColumns.PRODUCT_ID;

  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  public static final String SEARCHES = "searches";
  public static final String VIEWS = "views";
  public static final String ADD_TO_CARTS = "add_to_carts";
  public static final String PURCHASES = "purchases";
  public static final String REVENUE = "revenue";

  /** The exact ids while within {@link UniqueUsers#MAX_EXACT_BYTES}. */
  public static final String USER_IDS = "user_ids";

  // the item's derived values and bookkeeping (DemandStore)
  public static final String USERS_SKETCH = "users_sketch";
  public static final String UNIQUE_USERS = "unique_users";
  public static final String CONVERSION_RATE = "conversion_rate";
  public static final String DEMAND_SCORE = "demand_score";
  public static final String WRITER = "writer";
  public static final String LAST_BATCH = "last_batch";
  public static final String BEFORE_LAST_BATCH = "before_last_batch";
  public static final String EXPIRES_AT = "expires_at";

  private DemandColumns() {}
}
