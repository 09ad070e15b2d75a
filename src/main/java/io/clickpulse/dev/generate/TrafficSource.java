package io.clickpulse.dev.generate;

import java.util.Random;

/**
 * Where a simulated visit comes from: a client address in one of several countries (a few private
 * and IPv6 ones too), a browser or a bot, and the campaign tags and referrer of its landing. The
 * address blocks resolve to cities in the GeoLite2 City database the demo uses.
 */
final class TrafficSource {
  /**
   * IPv4 blocks: US (California, Washington), GB, DE, BR, IN, AU, SE, CA; the last octets are
   * random.
   */
  private static final String[] IPV4_BLOCKS = {
    "76.21.",
    "73.15.",
    "216.160.",
    "81.2.",
    "2.125.",
    "91.64.",
    "177.0.",
    "49.36.",
    "1.120.",
    "89.160.",
    "24.48."
  };

  /** IPv6 prefixes: DE (Hesse), US (Michigan). */
  private static final String[] IPV6_PREFIXES = {"2a02:908:1:1::", "2600:1700:1::"};

  static final String[] USER_AGENTS = {
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
  };

  /** Landing: query string on the page URL, and the referrer. Weighted by repetition. */
  private static final String[][] LANDINGS = {
    {"", null},
    {"", null},
    {"", null},
    {"", "https://www.google.com/"},
    {"", "https://www.bing.com/search?q=gadgets"},
    {"", "https://duckduckgo.com/"},
    {
      "?utm_source=google&utm_medium=cpc&utm_campaign=spring_sale&utm_term=running%20shoes&gclid=Cj0KCQ",
      "https://www.google.com/"
    },
    {"?utm_source=google&utm_medium=cpc&utm_campaign=brand", "https://www.google.com/"},
    {"?utm_source=newsletter&utm_medium=email&utm_campaign=weekly&utm_content=hero_banner", null},
    {
      "?utm_source=facebook&utm_medium=social&utm_campaign=summer_launch", "https://l.facebook.com/"
    },
    {"", "https://t.co/x1y2z3"},
    {"", "https://blog.example.org/best-gadgets-2026"},
    {"?utm_source=partner_site&utm_medium=affiliate&utm_campaign=q4", "https://deals.example.net/"}
  };

  final String ip;
  final String userAgent;
  final String query;
  final String referrer;

  TrafficSource(Random random) {
    int r = random.nextInt(100);
    if (r < 2) {
      ip =
          "10."
              + random.nextInt(256)
              + "."
              + random.nextInt(256)
              + "."
              + (1 + random.nextInt(254)); // behind a proxy
    } else if (r < 6) {
      ip =
          IPV6_PREFIXES[random.nextInt(IPV6_PREFIXES.length)]
              + Integer.toHexString(1 + random.nextInt(0xfffe));
    } else {
      ip =
          IPV4_BLOCKS[random.nextInt(IPV4_BLOCKS.length)]
              + random.nextInt(256)
              + "."
              + (1 + random.nextInt(254));
    }
    userAgent = USER_AGENTS[random.nextInt(USER_AGENTS.length)];
    String[] landing = LANDINGS[random.nextInt(LANDINGS.length)];
    query = landing[0];
    referrer = landing[1];
  }
}
