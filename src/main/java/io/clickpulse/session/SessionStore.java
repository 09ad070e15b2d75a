package io.clickpulse.session;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB {@code sessions} table: the latest sessions per user, for personalization lookups.
 * Key: user_id + session_start (ISO instant, then '#' and the device, so two devices starting at
 * the same instant do not collide). A session is final when emitted, so writing it again on a
 * replay puts the same item: idempotent without a marker. Items expire {@code ttl} after the
 * session ended (attribute expires_at), so a re-run of old sessions does not bring them back for long.
 */
public final class SessionStore {
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

  /** Puts the sessions ({@link SessionTables#sessions} rows); returns the number of items written. */
  public int put(List<org.apache.spark.sql.Row> sessions) {
    List<WriteRequest> requests = new ArrayList<>();
    for (org.apache.spark.sql.Row r : sessions) {
      requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(r)).build()).build());
    }
    for (int i = 0; i < requests.size(); i += BATCH) {
      write(requests.subList(i, Math.min(requests.size(), i + BATCH)));
    }
    return requests.size();
  }

  private void write(List<WriteRequest> chunk) {
    List<WriteRequest> pending = chunk;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        throw new IllegalStateException(pending.size() + " session items still unprocessed by DynamoDB after "
            + MAX_ATTEMPTS + " attempts (table " + table + "); the batch fails and will be replayed");
      }
      if (attempt > 1) {
        sleep(Math.min(5_000L, 50L << attempt));
      }
      Map<String, List<WriteRequest>> request = Map.of(table, new ArrayList<>(pending));
      BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
      pending = response.unprocessedItems().getOrDefault(table, List.of());
    }
  }

  Map<String, AttributeValue> item(org.apache.spark.sql.Row r) {
    Timestamp start = r.getAs("session_start");
    Timestamp end = r.getAs("session_end");
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("user_id", s(r.getAs("user_id")));
    item.put("session_start", s(start.toInstant() + "#" + r.getAs("device_id")));
    item.put("session_id", s(r.getAs("session_id")));
    item.put("device_id", s(r.getAs("device_id")));
    item.put("started_at", s(start.toInstant().toString()));
    item.put("ended_at", s(end.toInstant().toString()));
    item.put("duration_sec", n(r.<Long>getAs("duration_sec")));
    item.put("events", n(r.<Integer>getAs("events")));
    item.put("entry_action", s(r.getAs("entry_action")));
    item.put("exit_action", s(r.getAs("exit_action")));
    item.put("converted", AttributeValue.fromBool(r.<Boolean>getAs("converted")));
    BigDecimal revenue = r.getAs("revenue");
    item.put("revenue", AttributeValue.fromN((revenue == null ? BigDecimal.ZERO : revenue).toPlainString()));
    Map<String, AttributeValue> counts = new HashMap<>();
    r.<String, Integer>getJavaMap(r.fieldIndex("event_counts")).forEach((k, v) -> counts.put(k, n(v)));
    item.put("event_counts", AttributeValue.fromM(counts));
    List<Long> viewed = r.getList(r.fieldIndex("products_viewed"));
    if (!viewed.isEmpty()) {
      // a number set cannot be empty in DynamoDB: no attribute when nothing was viewed
      item.put("products_viewed", AttributeValue.fromNs(viewed.stream().map(String::valueOf).toList()));
    }
    item.put("expires_at", n(end.toInstant().plus(ttl).getEpochSecond()));
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
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing sessions", e);
    }
  }
}
