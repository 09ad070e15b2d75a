package io.clickpulse.dev.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A POST /events body split into events: one JSON object, a JSON array of objects, or objects
 * separated by whitespace (newline-delimited JSON; a pretty-printed object is one event). Each
 * event keeps its bytes exactly as sent: the collector checks framing and limits only, the
 * streaming job validates fields and keeps bad records with their reasons. Only the top level of
 * each event is looked at (user_id and device_id for the partition key); nested values are skipped,
 * numbers never converted.
 */
public final class RequestBody {
  private static final JsonFactory JSON = new JsonFactory();

  /** The events, or why the whole body is refused. */
  public record Split(List<IncomingEvent> events, Rejection rejection) {
    static Split of(List<IncomingEvent> events) {
      return new Split(List.copyOf(events), null);
    }

    static Split refused(Rejection r) {
      return new Split(List.of(), r);
    }

    public boolean refused() {
      return rejection != null;
    }
  }

  private RequestBody() {}

  public static Split split(byte[] body, IngestLimits limits) {
    if (body.length > limits.maxRequestBytes()) {
      return Split.refused(requestTooLarge(body.length, limits));
    }
    try (JsonParser p = JSON.createParser(body)) {
      return split(p, body, limits);
    } catch (StreamConstraintsException e) {
      return Split.refused(Rejection.badRequest("not_json", e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      return Split.refused(
          Rejection.badRequest(
              "not_json",
              "the body is not JSON: "
                  + e.getOriginalMessage()
                  + " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading a byte array", e);
    }
  }

  static Rejection requestTooLarge(long bytes, IngestLimits limits) {
    return Rejection.tooLarge(
        "request_too_large",
        "the body has " + bytes + " bytes, at most " + limits.maxRequestBytes() + " are accepted");
  }

  private static Split split(JsonParser p, byte[] body, IngestLimits limits) throws IOException {
    List<IncomingEvent> events = new ArrayList<>();
    JsonToken t = p.nextToken();
    if (t == null) {
      return Split.refused(Rejection.badRequest("empty_body", "the body holds no event"));
    }
    boolean array = t == JsonToken.START_ARRAY;
    if (array) {
      t = p.nextToken();
    }
    while (t != null && !(array && t == JsonToken.END_ARRAY)) {
      int index = events.size();
      if (t != JsonToken.START_OBJECT) {
        return Split.refused(
            Rejection.badRequest(
                "not_an_object", "event " + index + " is " + describe(t) + ", not a JSON object"));
      }
      if (index >= limits.maxEvents()) {
        return Split.refused(
            Rejection.tooLarge(
                "too_many_events",
                "the body holds more than " + limits.maxEvents() + " events, the most accepted"));
      }
      IncomingEvent e = event(p, body);
      if (e.recordBytes() > limits.maxEventBytes()) {
        return Split.refused(
            Rejection.tooLarge(
                "event_too_large",
                "event "
                    + index
                    + " has "
                    + e.recordBytes()
                    + " bytes with its partition key, at most "
                    + limits.maxEventBytes()
                    + " are accepted"));
      }
      events.add(e);
      t = p.nextToken();
    }
    if (array) {
      if (t == null) {
        return Split.refused(Rejection.badRequest("not_json", "the array is not closed"));
      }
      if (p.nextToken() != null) {
        return Split.refused(
            Rejection.badRequest(
                "not_json", "the body goes on after its array: send one array, or NDJSON"));
      }
    }
    if (events.isEmpty()) {
      return Split.refused(Rejection.badRequest("empty_body", "the body holds no event"));
    }
    return Split.of(events);
  }

  /** The object the parser is at (its START_OBJECT read): its bytes, and its partition key. */
  private static IncomingEvent event(JsonParser p, byte[] body) throws IOException {
    int start = (int) p.currentTokenLocation().getByteOffset();
    String userId = null;
    String deviceId = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t == null) {
        throw new JsonParseException(p, "the body ends inside an object");
      }
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
        p.skipChildren();
      } else if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
        // the first occurrence names the key: routing only, the job judges duplicated fields
        if (userId == null && "user_id".equals(field)) {
          userId = p.getText();
        } else if (deviceId == null && "device_id".equals(field)) {
          deviceId = p.getText();
        }
      }
    }
    int end = (int) p.currentLocation().getByteOffset();
    byte[] data = Arrays.copyOfRange(body, start, end);
    return new IncomingEvent(data, PartitionKeys.choose(userId, deviceId, data));
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }
}
