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
  TIME_TOO_OLD;

  public String code() {
    return name().toLowerCase();
  }
}
