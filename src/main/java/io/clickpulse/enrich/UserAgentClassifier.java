package io.clickpulse.enrich;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * User agents → {@link UserAgentInfo} with YAUAA, which reads device class and robots from the
 * whole string (uap-java has no device class and finds only self-declared spiders). Only the fields
 * used are computed, parsed strings are cached, and one analyzer is shared per JVM: loading its
 * rules takes about 2 s.
 */
public final class UserAgentClassifier {
  private static final Map<Integer, UserAgentClassifier> SHARED = new ConcurrentHashMap<>();

  /** Device classes that are not a person at a browser (YAUAA's names). */
  private static final Set<String> NOT_HUMAN_DEVICES =
      Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker");

  /** Agent classes of crawlers, link previewers, scripts and attacks. */
  private static final Set<String> NOT_HUMAN_AGENTS =
      Set.of("Robot", "Robot Mobile", "Robot Imitator", "Cloud Application", "Special", "Hacker");

  private static final int MAX_LENGTH = 2048;

  private final UserAgentAnalyzer analyzer;
  // our own memo of the result: YAUAA's cache still builds a mutable agent per call
  private final BoundedCache<String, UserAgentInfo> cache;

  public UserAgentClassifier(int cacheSize) {
    analyzer =
        UserAgentAnalyzer.newBuilder()
            .hideMatcherLoadStats()
            .withFields(
                UserAgent.DEVICE_CLASS,
                UserAgent.AGENT_CLASS,
                UserAgent.AGENT_NAME,
                UserAgent.AGENT_VERSION_MAJOR,
                UserAgent.OPERATING_SYSTEM_NAME,
                UserAgent.OPERATING_SYSTEM_VERSION_MAJOR)
            .withoutCache()
            .build();
    cache = new BoundedCache<>(cacheSize);
  }

  public static UserAgentClassifier shared(int cacheSize) {
    return SHARED.computeIfAbsent(cacheSize, UserAgentClassifier::new);
  }

  public UserAgentInfo classify(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return UserAgentInfo.UNKNOWN;
    }
    // keyed by what is parsed: a huge header is cut first, so it cannot bloat the cache
    return cache.get(
        userAgent.length() > MAX_LENGTH ? userAgent.substring(0, MAX_LENGTH) : userAgent,
        this::analyze);
  }

  private UserAgentInfo analyze(String userAgent) {
    try {
      UserAgent ua = analyzer.parse(userAgent);
      String device = known(ua.getValue(UserAgent.DEVICE_CLASS));
      String agentClass = ua.getValue(UserAgent.AGENT_CLASS);
      boolean bot =
          (device != null && NOT_HUMAN_DEVICES.contains(device))
              || (agentClass != null && NOT_HUMAN_AGENTS.contains(agentClass));
      return new UserAgentInfo(
          known(ua.getValue(UserAgent.AGENT_NAME)),
          known(ua.getValue(UserAgent.AGENT_VERSION_MAJOR)),
          known(ua.getValue(UserAgent.OPERATING_SYSTEM_NAME)),
          known(ua.getValue(UserAgent.OPERATING_SYSTEM_VERSION_MAJOR)),
          device,
          bot);
    } catch (RuntimeException e) {
      return UserAgentInfo.UNKNOWN; // the parser's own bug must not fail a batch
    }
  }

  /** YAUAA says "Unknown" and "??" for what it cannot tell: null in the table. */
  private static String known(String v) {
    return v == null
            || v.isEmpty()
            || v.equals("Unknown")
            || v.equals("??")
            || v.startsWith("Unknown ")
        ? null
        : v;
  }
}
