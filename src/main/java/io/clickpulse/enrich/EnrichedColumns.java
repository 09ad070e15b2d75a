package io.clickpulse.enrich;

/**
 * The names of the columns the enrichers add to events (after the decoded ones, in this order in
 * events/ and athena-ddl/tables/events.sql), declared once for the stages that read them.
 */
public final class EnrichedColumns {
  // CatalogEnricher
  public static final String PRODUCT_NAME = "product_name";
  public static final String CATEGORY = "category";
  public static final String BASE_PRICE = "base_price";
  public static final String CURRENT_PRICE = "current_price";
  public static final String STOCK = "stock";
  public static final String PRODUCT_KNOWN = "product_known";
  public static final String UNITS_SOLD_24H = "units_sold_24h";
  // GeoIpEnricher
  public static final String GEO_COUNTRY = "geo_country";
  public static final String GEO_REGION = "geo_region";
  public static final String GEO_CITY = "geo_city";
  // UserAgentEnricher
  public static final String UA_BROWSER = "ua_browser";
  public static final String UA_BROWSER_VERSION = "ua_browser_version";
  public static final String UA_OS = "ua_os";
  public static final String UA_OS_VERSION = "ua_os_version";
  public static final String UA_DEVICE_CLASS = "ua_device_class";
  public static final String IS_BOT = "is_bot";
  // CampaignEnricher
  public static final String UTM_SOURCE = "utm_source";
  public static final String UTM_MEDIUM = "utm_medium";
  public static final String UTM_CAMPAIGN = "utm_campaign";
  public static final String UTM_TERM = "utm_term";
  public static final String UTM_CONTENT = "utm_content";
  public static final String REFERRER_HOST = "referrer_host";
  public static final String CHANNEL_GROUP = "channel_group";
  // UserProfileEnricher
  public static final String USER_NAME = "user_name";
  public static final String USER_SEGMENT = "user_segment";

  private EnrichedColumns() {}
}
