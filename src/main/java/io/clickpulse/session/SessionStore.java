package io.clickpulse.session;

import static io.clickpulse.event.EventColumns.DEVICE_ID;
import static io.clickpulse.event.EventColumns.USER_ID;
import static io.clickpulse.session.SessionColumns.CONVERTED;
import static io.clickpulse.session.SessionColumns.DURATION_SEC;
import static io.clickpulse.session.SessionColumns.ENTRY_ACTION;
import static io.clickpulse.session.SessionColumns.EVENTS;
import static io.clickpulse.session.SessionColumns.EVENT_COUNTS;
import static io.clickpulse.session.SessionColumns.EXIT_ACTION;
import static io.clickpulse.session.SessionColumns.PRODUCTS_VIEWED;
import static io.clickpulse.session.SessionColumns.REVENUE;
import static io.clickpulse.session.SessionColumns.SESSION_END;
import static io.clickpulse.session.SessionColumns.SESSION_ID;
import static io.clickpulse.session.SessionColumns.SESSION_START;

import io.clickpulse.aws.Interrupted;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB {@code sessions} table: the latest sessions per user, for personalization lookups.
 * Key: user_id + session_start, a text that sorts by time: the start as an ISO instant, then '#'
 * and the device (two devices starting at the same instant do not collide); a stagger window's key
 * adds {@code #stagger-<step>} (e.g. {@code 2026-11-21T10:00:30Z#MOB#stagger-30s}), so gap sessions
 * and the windows of either step share the table without colliding. Every item says its {@code
 * mode} (gap or stagger): a reader's Query on a user_id, newest first, gets both kinds by start
 * time and filters on mode for one. A session or window is final when emitted, so writing it again
 * on a replay puts the same item; items an earlier attempt of a batch wrote and its replay does not
 * are deleted ({@link #delete}, from the keys the attempts record). Items expire {@code ttl} after
 * the session (window) ended (attribute expires_at), so a re-run of old sessions does not bring
 * them back for long.
 */
public final class SessionStore {
  /** The item attribute that tells a gap session from a stagger window. */
  public static final String MODE = "mode";

  private static final String TIMEAGG = StaggerSessions.TIMEAGG;
  private static final int BATCH = 25;
  private static final int MAX_ATTEMPTS = 8;

  private final DynamoDbClient dynamo;
  private final String table;
  private final Duration ttl;

  public SessionStore(DynamoDbClient dynamo, String table, Duration ttl) {
    this.dynamo = dynamo;
    this.table = table;
    this.ttl = ttl;
  }

  /**
   * Puts the sessions ({@link SessionTables#sessions} rows); returns the number of items written.
   */
  public int put(List<Row> sessions) {
    List<WriteRequest> requests = new ArrayList<>();
    for (Row r : sessions) {
      requests.add(
          WriteRequest.builder().putRequest(PutRequest.builder().item(item(r)).build()).build());
    }
    writeAll(requests);
    return requests.size();
  }

  /**
   * Puts the stagger rows ({@link StaggerSessions#sessions} columns) of windows of {@code step};
   * returns the number of items written.
   */
  public int putStagger(List<Row> rows, Duration step) {
    List<WriteRequest> requests = new ArrayList<>();
    for (Row r : rows) {
      requests.add(
          WriteRequest.builder()
              .putRequest(PutRequest.builder().item(staggerItem(r, step)).build())
              .build());
    }
    writeAll(requests);
    return requests.size();
  }

  /** Deletes the items of these keys (absent ones are no error); returns how many were asked. */
  public int delete(Collection<Key> keys) {
    List<WriteRequest> requests = new ArrayList<>();
    for (Key k : keys) {
      requests.add(
          WriteRequest.builder()
              .deleteRequest(
                  DeleteRequest.builder()
                      .key(Map.of(USER_ID, s(k.userId()), SESSION_START, s(k.sortKey())))
                      .build())
              .build());
    }
    writeAll(requests);
    return requests.size();
  }

  /** An item's key: the user, and the sort key (start, device and, for stagger windows, step). */
  public record Key(String userId, String sortKey) {
    /** A gap session's key. */
    public static Key gap(String userId, String deviceId, Instant start) {
      return new Key(userId, start + "#" + deviceId);
    }

    /** A stagger window's key. */
    public static Key stagger(String userId, String deviceId, Instant windowStart, Duration step) {
      return new Key(userId, windowStart + "#" + deviceId + "#stagger-" + step.toSeconds() + "s");
    }

    /** One line of a batch attempt's record (both parts URL-encoded, then a space). */
    public String toEntry() {
      return URLEncoder.encode(userId, StandardCharsets.UTF_8)
          + " "
          + URLEncoder.encode(sortKey, StandardCharsets.UTF_8);
    }

    public static Key fromEntry(String entry) {
      int space = entry.indexOf(' ');
      return new Key(
          URLDecoder.decode(entry.substring(0, space), StandardCharsets.UTF_8),
          URLDecoder.decode(entry.substring(space + 1), StandardCharsets.UTF_8));
    }
  }

  private void writeAll(List<WriteRequest> requests) {
    for (int i = 0; i < requests.size(); i += BATCH) {
      write(requests.subList(i, Math.min(requests.size(), i + BATCH)));
    }
  }

  private void write(List<WriteRequest> chunk) {
    List<WriteRequest> pending = chunk;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        throw new IllegalStateException(
            pending.size()
                + " session items still unprocessed by DynamoDB after "
                + MAX_ATTEMPTS
                + " attempts (table "
                + table
                + "); the batch fails and will be replayed");
      }
      if (attempt > 1) {
        sleep(Math.min(5_000L, 50L << attempt));
      }
      Map<String, List<WriteRequest>> request = Map.of(table, new ArrayList<>(pending));
      BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
      pending = response.unprocessedItems().getOrDefault(table, List.of());
    }
  }

  Map<String, AttributeValue> item(Row r) {
    Timestamp start = r.getAs(SESSION_START);
    Timestamp end = r.getAs(SESSION_END);
    Map<String, AttributeValue> item = new HashMap<>();
    Key key = Key.gap(r.getAs(USER_ID), r.getAs(DEVICE_ID), start.toInstant());
    item.put(USER_ID, s(key.userId()));
    // the sort key: two devices starting at the same instant do not collide
    item.put(SESSION_START, s(key.sortKey()));
    item.put(MODE, s("gap"));
    item.put(SESSION_ID, s(r.getAs(SESSION_ID)));
    item.put(DEVICE_ID, s(r.getAs(DEVICE_ID)));
    item.put("started_at", s(start.toInstant().toString()));
    item.put("ended_at", s(end.toInstant().toString()));
    item.put(DURATION_SEC, n(r.<Long>getAs(DURATION_SEC)));
    item.put(EVENTS, n(r.<Integer>getAs(EVENTS)));
    item.put(ENTRY_ACTION, s(r.getAs(ENTRY_ACTION)));
    item.put(EXIT_ACTION, s(r.getAs(EXIT_ACTION)));
    item.put(CONVERTED, AttributeValue.fromBool(r.<Boolean>getAs(CONVERTED)));
    BigDecimal revenue = r.getAs(REVENUE);
    item.put(
        REVENUE,
        AttributeValue.fromN((revenue == null ? BigDecimal.ZERO : revenue).toPlainString()));
    Map<String, AttributeValue> counts = new HashMap<>();
    r.<String, Integer>getJavaMap(r.fieldIndex(EVENT_COUNTS))
        .forEach((k, v) -> counts.put(k, n(v)));
    item.put(EVENT_COUNTS, AttributeValue.fromM(counts));
    List<Long> viewed = r.getList(r.fieldIndex(PRODUCTS_VIEWED));
    if (!viewed.isEmpty()) {
      // a number set cannot be empty in DynamoDB: no attribute when nothing was viewed
      item.put(
          PRODUCTS_VIEWED, AttributeValue.fromNs(viewed.stream().map(String::valueOf).toList()));
    }
    item.put("expires_at", n(end.toInstant().plus(ttl).getEpochSecond()));
    return item;
  }

  Map<String, AttributeValue> staggerItem(Row r, Duration step) {
    Instant start = r.<Timestamp>getAs(TIMEAGG).toInstant();
    Instant end = start.plus(step);
    Key key = Key.stagger(r.getAs(USER_ID), r.getAs(DEVICE_ID), start, step);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(USER_ID, s(key.userId()));
    item.put(SESSION_START, s(key.sortKey()));
    item.put(MODE, s("stagger"));
    item.put("step_sec", n(step.toSeconds()));
    item.put(SESSION_ID, s(r.getAs(SESSION_ID)));
    item.put(DEVICE_ID, s(r.getAs(DEVICE_ID)));
    item.put("started_at", s(start.toString()));
    item.put("ended_at", s(end.toString()));
    item.put(DURATION_SEC, n(r.<Number>getAs(DURATION_SEC)));
    item.put(EVENTS, n(r.<Number>getAs(EVENTS)));
    for (String c :
        List.of(
            StaggerSessions.BEGIN_NAVIGATION,
            StaggerSessions.END_NAVIGATION,
            StaggerSessions.BEGIN_SESSION,
            StaggerSessions.END_SESSION)) {
      item.put(c, s(r.getAs(c)));
    }
    item.put("expires_at", n(end.plus(ttl).getEpochSecond()));
    return item;
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v == null ? "" : v);
  }

  private static AttributeValue n(Number v) {
    return AttributeValue.fromN(String.valueOf(v));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw Interrupted.whileWriting("sessions", e);
    }
  }
}
