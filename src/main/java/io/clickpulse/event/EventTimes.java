package io.clickpulse.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Timestamps as producers send them: the pixel tracker's {@code 2021-07-12 12:01:58.732726} (UTC),
 * ISO-8601 with or without an offset (UTC if none: {@code Z}, {@code +02:00}, {@code +0200}) and
 * epoch milliseconds. Hand-parsed: this runs once per record, and java.time's parsers signal a
 * mismatch by throwing, which costs more than the whole rest of decoding.
 */
public final class EventTimes {
  private EventTimes() {}

  public static Optional<Instant> parse(String text) {
    String t = text.trim();
    if (t.length() >= 11 && t.length() <= 14 && allDigits(t, 0, t.length())) {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(t)));
    }
    // yyyy-MM-dd[ T]HH:mm:ss
    if (t.length() < 19
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || (t.charAt(10) != ' ' && t.charAt(10) != 'T')
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return Optional.empty();
    }
    int[] at = {0, 5, 8, 11, 14, 17};
    int[] len = {4, 2, 2, 2, 2, 2};
    int[] v = new int[6];
    for (int i = 0; i < 6; i++) {
      if (!allDigits(t, at[i], at[i] + len[i])) {
        return Optional.empty();
      }
      v[i] = Integer.parseInt(t, at[i], at[i] + len[i], 10);
    }
    int pos = 19;
    int nanos = 0;
    if (pos < t.length() && t.charAt(pos) == '.') {
      int start = ++pos;
      while (pos < t.length() && Character.isDigit(t.charAt(pos))) {
        pos++;
      }
      int digits = pos - start;
      if (digits == 0 || digits > 9) {
        return Optional.empty();
      }
      nanos = Integer.parseInt(t, start, pos, 10);
      for (int i = digits; i < 9; i++) {
        nanos *= 10;
      }
    }
    int offsetSeconds = 0;
    if (pos < t.length()) {
      String zone = t.substring(pos);
      if (zone.equals("Z")) {
        offsetSeconds = 0;
      } else if ((zone.length() == 6
              && zone.charAt(3) == ':'
              && allDigits(zone, 1, 3)
              && allDigits(zone, 4, 6))
          || (zone.length() == 5 && allDigits(zone, 1, 5))) {
        if (zone.charAt(0) != '+' && zone.charAt(0) != '-') {
          return Optional.empty();
        }
        int hh = Integer.parseInt(zone, 1, 3, 10);
        int mm = Integer.parseInt(zone, zone.length() - 2, zone.length(), 10);
        offsetSeconds = (zone.charAt(0) == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
      } else {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          LocalDateTime.of(v[0], v[1], v[2], v[3], v[4], v[5], nanos)
              .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds)));
    } catch (DateTimeException e) {
      return Optional.empty(); // month 13, hour 99, ...
    }
  }

  public static Instant fromEpochMillis(long millis) {
    return Instant.ofEpochMilli(millis);
  }

  static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return to > from;
  }
}
