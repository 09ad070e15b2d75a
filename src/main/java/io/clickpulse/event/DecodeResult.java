package io.clickpulse.event;

/**
 * Either an event or the reason the record is bad (with a human-readable detail), plus the record
 * as text whenever it was within the size limit and valid UTF-8 (null otherwise).
 */
public record DecodeResult(ClickEventRecord event, BadReason reason, String detail, String text) {
  public static DecodeResult ok(ClickEventRecord e) {
    return new DecodeResult(e, null, null, null);
  }

  public static DecodeResult bad(BadReason reason, String detail) {
    return new DecodeResult(null, reason, detail, null);
  }

  /**
   * The same result with the record's bytes as text (null when they are not UTF-8): kept, not
   * decoded twice.
   */
  DecodeResult withText(String payload) {
    return new DecodeResult(event, reason, detail, payload);
  }

  public boolean isOk() {
    return event != null;
  }
}
