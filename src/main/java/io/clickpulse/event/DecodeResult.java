package io.clickpulse.event;

/** Either an event or the reason the record is bad (with a human-readable detail). */
public record DecodeResult(ClickEventRecord event, BadReason reason, String detail) {
  public static DecodeResult ok(ClickEventRecord e) {
    return new DecodeResult(e, null, null);
  }

  public static DecodeResult bad(BadReason reason, String detail) {
    return new DecodeResult(null, reason, detail);
  }

  public boolean isOk() {
    return event != null;
  }
}
