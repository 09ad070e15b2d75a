package io.clickpulse.enrich;

/** Campaign tags of a page view, the external referrer's host, and the channel group they imply. */
public record Campaign(
    String utmSource,
    String utmMedium,
    String utmCampaign,
    String utmTerm,
    String utmContent,
    String referrerHost,
    String channelGroup) {}
