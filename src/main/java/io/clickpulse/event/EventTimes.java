package io.clickpulse.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * Timestamps as producers send them: the pixel tracker's {@code 2021-07-12 12:01:58.732726}
 * (UTC), ISO-8601 with or without offset (UTC if none), and epoch milliseconds.
 */
public final class EventTimes {
  private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd")
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .appendPattern("HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .toFormatter();

  private EventTimes() {}

  public static Optional<Instant> parse(String text) {
    String t = text.trim();
    if (t.matches("\\d{11,14}")) {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(t)));
    }
    try {
      return Optional.of(OffsetDateTime.parse(t.replace(' ', 'T')).toInstant());
    } catch (DateTimeParseException e) {
      // no offset: UTC
    }
    try {
      return Optional.of(LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public static Instant fromEpochMillis(long millis) {
    return Instant.ofEpochMilli(millis);
  }
}
