package io.clickpulse.enrich;

import io.clickpulse.config.EnrichConfig;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The enrichers of accepted events, in order, shared by the streaming job, the batch jobs and the
 * bench. Every one of them always adds its columns (null when off), so the events schema is the
 * same whatever is enabled: athena-ddl/tables/events.sql lists it.
 */
public final class Enrichers {
  private Enrichers() {}

  public static EnricherChain standard(
      SparkSession spark, EnrichConfig config, ReferenceData reference) {
    return new EnricherChain(
        List.of(
            new CatalogEnricher(reference),
            GeoIpEnricher.create(spark, config.geoIpDatabases(), config.anonymizeIp()),
            new UserAgentEnricher(config.userAgent(), config.userAgentCacheSize()),
            new CampaignEnricher(config.campaign(), config.ownHosts()),
            new UserProfileEnricher(config.userProfile() ? reference::users : null)));
  }
}
