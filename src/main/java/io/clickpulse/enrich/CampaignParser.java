package io.clickpulse.enrich;

import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page URL + referrer → {@link Campaign}. Lenient by design: URLs from trackers are often not valid
 * URIs (spaces, bad escapes), so the query and host are cut out by hand, a bad escape keeps its raw
 * text, and nothing here throws. The channel rules, first match wins:
 *
 * <ol>
 *   <li>Email: utm_medium email/e-mail/newsletter, or utm_source newsletter
 *   <li>Social: utm_medium social/social-media/social-network/sm, or a social site as utm_source or
 *       referrer
 *   <li>Paid Search: utm_medium cpc/ppc/paid-search/paidsearch/sem, or a gclid/msclkid/dclid click
 *       id
 *   <li>Organic Search: utm_medium organic, or a search engine as referrer
 *   <li>Referral: utm_medium referral, or any other external referrer
 *   <li>Direct: no campaign tag and no external referrer
 *   <li>Other: tagged, but none of the above
 * </ol>
 */
public final class CampaignParser implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final List<String> CHANNEL_GROUPS =
      List.of("Email", "Social", "Paid Search", "Organic Search", "Referral", "Direct", "Other");
  private static final int MAX_VALUE = 256;
  private static final Pattern HOST =
      Pattern.compile(
          "^\\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//(?:[^/?#@]*@)?(\\[[^\\]]*\\]|[^/?#:\\s]+)");
  private static final Set<String> EMAIL = Set.of("email", "e-mail", "e_mail", "newsletter");
  private static final Set<String> SOCIAL_MEDIUM =
      Set.of("social", "social-media", "social_media", "social-network", "social_network", "sm");
  private static final Set<String> PAID_MEDIUM =
      Set.of("cpc", "ppc", "paid-search", "paid_search", "paidsearch", "sem");
  private static final Set<String> SOCIAL_SOURCES =
      Set.of(
          "facebook",
          "fb",
          "instagram",
          "ig",
          "twitter",
          "x",
          "linkedin",
          "pinterest",
          "reddit",
          "tiktok",
          "youtube",
          "snapchat",
          "threads",
          "whatsapp");
  private static final List<String> SOCIAL_SITES =
      List.of(
          "facebook.com",
          "fb.com",
          "instagram.com",
          "twitter.com",
          "x.com",
          "t.co",
          "linkedin.com",
          "lnkd.in",
          "pinterest.com",
          "reddit.com",
          "tiktok.com",
          "youtube.com",
          "youtu.be",
          "snapchat.com",
          "threads.net",
          "whatsapp.com");
  private static final Pattern SEARCH_ENGINE =
      Pattern.compile(
          "(^|\\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|naver|seznam|qwant|startpage|search\\.brave)\\.[a-z.]+$");
  private static final Set<String> CLICK_IDS =
      Set.of("gclid", "msclkid", "dclid", "gbraid", "wbraid");

  private final Set<String> ownHosts;

  /** ownHosts: the site's own hosts besides the page URL's (a referrer from them is internal). */
  public CampaignParser(List<String> ownHosts) {
    this.ownHosts = Set.copyOf(ownHosts.stream().map(CampaignParser::bareHost).toList());
  }

  public Campaign parse(String pageUrl, String referrer) {
    Map<String, String> query = query(pageUrl);
    String pageHost = host(pageUrl);
    String refHost = host(referrer);
    if (refHost != null
        && (ownHosts.contains(bareHost(refHost))
            || (pageHost != null && bareHost(refHost).equals(bareHost(pageHost))))) {
      refHost = null; // navigation inside the site is not a source
    }
    String source = query.get("utm_source");
    String medium = query.get("utm_medium");
    String channel =
        channel(
            lower(source),
            lower(medium),
            refHost,
            query.keySet().stream().anyMatch(CLICK_IDS::contains),
            query.keySet().stream().anyMatch(k -> k.startsWith("utm_")));
    return new Campaign(
        source,
        medium,
        query.get("utm_campaign"),
        query.get("utm_term"),
        query.get("utm_content"),
        refHost,
        channel);
  }

  static String channel(
      String source, String medium, String refHost, boolean clickId, boolean tagged) {
    if (in(EMAIL, medium) || "newsletter".equals(source)) {
      return "Email";
    }
    if (in(SOCIAL_MEDIUM, medium) || in(SOCIAL_SOURCES, source) || isSocialSite(refHost)) {
      return "Social";
    }
    if (in(PAID_MEDIUM, medium) || clickId) {
      return "Paid Search";
    }
    if ("organic".equals(medium) || (refHost != null && SEARCH_ENGINE.matcher(refHost).find())) {
      return "Organic Search";
    }
    if ("referral".equals(medium) || refHost != null) {
      return "Referral";
    }
    return tagged ? "Other" : "Direct";
  }

  /** Set.of(...).contains(null) throws: an absent tag is simply not in any set. */
  private static boolean in(Set<String> set, String value) {
    return value != null && set.contains(value);
  }

  private static boolean isSocialSite(String host) {
    if (host == null) {
      return false;
    }
    for (String site : SOCIAL_SITES) {
      if (host.equals(site) || host.endsWith("." + site)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Query parameters of a URL (first value wins, names lower-cased); empty for anything unparsable.
   */
  static Map<String, String> query(String url) {
    Map<String, String> out = new HashMap<>();
    if (url == null) {
      return out;
    }
    int q = url.indexOf('?');
    if (q < 0) {
      return out;
    }
    int hash = url.indexOf('#', q);
    String qs = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
    for (String pair : qs.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT).trim();
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1)).trim();
      if (!name.isEmpty() && !value.isEmpty()) {
        out.putIfAbsent(name, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
      } else if (!name.isEmpty() && CLICK_IDS.contains(name)) {
        out.putIfAbsent(name, "");
      }
    }
    return out;
  }

  /** Lower-case host of an absolute URL, or null. */
  static String host(String url) {
    if (url == null) {
      return null;
    }
    Matcher m = HOST.matcher(url);
    if (!m.find()) {
      return null;
    }
    String h = m.group(1).toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.isEmpty() || h.length() > 253 ? null : h;
  }

  private static String bareHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.startsWith("www.") ? h.substring(4) : h;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a bad %-escape: keep the raw text rather than lose the tag
    }
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
