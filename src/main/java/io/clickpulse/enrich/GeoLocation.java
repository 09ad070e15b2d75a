package io.clickpulse.enrich;

/**
 * Where an address is: ISO 3166-1 alpha-2 country code, first-level subdivision, city (each may be
 * null).
 */
public record GeoLocation(String country, String region, String city) {}
