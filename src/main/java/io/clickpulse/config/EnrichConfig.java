package io.clickpulse.config;

import java.io.Serializable;
import java.util.List;

/** The enrichers of accepted events (enrich.* keys). Serializable: executors receive it. */
public record EnrichConfig(
    List<String> geoIpDatabases,
    boolean anonymizeIp,
    boolean userAgent,
    int userAgentCacheSize,
    boolean campaign,
    List<String> ownHosts,
    boolean userProfile)
    implements Serializable {

  public static EnrichConfig from(Settings s) {
    List<String> dbs = s.list("enrich.geoip.databases");
    for (String db : dbs) {
      if (!db.endsWith(".mmdb")) {
        throw ConfigException.badValue(
            "enrich.geoip.databases",
            db,
            "paths or S3 URIs of MaxMind .mmdb files",
            s.source("enrich.geoip.databases"));
      }
    }
    return new EnrichConfig(
        List.copyOf(dbs),
        s.bool("enrich.geoip.anonymize-ip"),
        s.bool("enrich.user-agent.enabled"),
        s.intIn("enrich.user-agent.cache-size", 0, 10_000_000),
        s.bool("enrich.campaign.enabled"),
        List.copyOf(s.list("enrich.campaign.own-hosts")),
        s.bool("enrich.user-profile.enabled"));
  }
}
