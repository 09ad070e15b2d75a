package io.clickpulse.event;

import java.time.Instant;

/**
 * What one record may hold, beyond {@code streaming.max-record-bytes}. Hostile input is bounded
 * here, in one place, so that no record costs more than a few microseconds to decode and every
 * value the decoder accepts fits where it goes (Spark columns, DynamoDB keys). README "Bad records"
 * lists them.
 */
public final class DecodeLimits {
  private DecodeLimits() {}

  /**
   * user_id, device_id, pixel_id, click_id, in UTF-8 bytes. user_id is the partition key of the
   * DynamoDB {@code sessions} table (at most 2048 bytes) and is listed in {@code product_demand}
   * items (at most 400 KB each); the sort key is "start#device_id" (at most 1024 bytes, the start
   * takes about 30). 256 keeps both far below DynamoDB's limits.
   */
  public static final int MAX_ID_BYTES = 256;

  /** event_name, client_event, element_clicked, restaurant_name: names, not documents. */
  public static final int MAX_NAME_BYTES = 512;

  /** page_url, referrer, user_agent: browsers send URLs and user agents of a few KB at most. */
  public static final int MAX_URL_BYTES = 8 * 1024;

  /** user_ip: an IPv6 address with a zone is at most 45 characters. */
  public static final int MAX_IP_BYTES = 64;

  /**
   * Characters of one number (digits, sign, point, exponent), anywhere in the record, enforced by
   * Jackson's tokenizer before any conversion: BigDecimal/BigInteger parsing is superlinear.
   */
  public static final int MAX_NUMBER_CHARS = 100;

  /**
   * Largest exponent (as written: {@code 1e-350}) of a number anywhere in the record. Every finite
   * double prints within ±324, so no producer's number is refused; beyond, BigDecimal arithmetic
   * costs grow with the exponent ({@code 1e-100000000} took 80 s and 1.5 GB).
   */
  public static final int MAX_EXPONENT = 350;

  /** Nesting of objects and arrays: events are 2 deep; deeper is an attack or garbage. */
  public static final int MAX_DEPTH = 32;

  /**
   * Timestamps outside this range are bad_timestamp: Spark stores microseconds in a long (about
   * ±292,000 years) and rebases dates before 1582, so only a sane range is kept.
   */
  public static final Instant MIN_TIME = Instant.parse("1970-01-01T00:00:00Z");

  public static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** How much of a rejected value a reason_detail quotes. */
  static final int MAX_QUOTED_CHARS = 80;
}
