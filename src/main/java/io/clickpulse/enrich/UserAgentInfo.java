package io.clickpulse.enrich;

/**
 * What a user agent string says: browser and OS (major versions), YAUAA's device class, and whether
 * it is a bot.
 */
public record UserAgentInfo(
    String browser,
    String browserVersion,
    String os,
    String osVersion,
    String deviceClass,
    Boolean bot) {
  static final UserAgentInfo UNKNOWN = new UserAgentInfo(null, null, null, null, null, null);
}
