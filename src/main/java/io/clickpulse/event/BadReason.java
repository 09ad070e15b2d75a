package io.clickpulse.event;

/** Why a record could not be used; written to bad_records as {@code reason}. */
public enum BadReason {
  TOO_LARGE,
  NOT_UTF8,
  NOT_JSON,
  NOT_AN_OBJECT,
  UNKNOWN_SHAPE,
  MISSING_FIELD,
  WRONG_TYPE,
  BAD_TIMESTAMP,
  UNKNOWN_EVENT,
  TIME_IN_FUTURE,
  TIME_TOO_OLD,
  /** A string field beyond its bound in UTF-8 bytes ({@link DecodeLimits}). */
  FIELD_TOO_LONG,
  /** Nesting, number length or exponent beyond {@link DecodeLimits}, anywhere in the record. */
  TOO_COMPLEX,
  /** A lone UTF-16 surrogate in a string, or a control character in user_id or device_id. */
  BAD_CHARACTERS,
  /**
   * The decoder itself failed on the record (a case no rule foresaw): kept with the exception's
   * text, so that one record can never fail a batch again and again on every restart.
   */
  DECODER_ERROR;

  public String code() {
    return name().toLowerCase();
  }
}
