package io.clickpulse.dev.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body of an answer to POST /events: per event, in the order sent, accepted (with its shard and
 * sequence number) or failed (with Kinesis' error code and message), as PutRecords reports per
 * record; or, for a refused request, the reason.
 */
public final class IngestResponse {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IngestResponse() {}

  public static byte[] results(List<PutOutcome> outcomes) {
    ObjectNode root = JSON.createObjectNode();
    long accepted = outcomes.stream().filter(PutOutcome::ok).count();
    root.put("received", outcomes.size());
    root.put("accepted", accepted);
    root.put("failed", outcomes.size() - accepted);
    ArrayNode results = root.putArray("results");
    for (PutOutcome o : outcomes) {
      ObjectNode r = results.addObject();
      if (o.ok()) {
        r.put("status", "accepted");
        r.put("shard_id", o.shardId());
        r.put("sequence_number", o.sequenceNumber());
      } else {
        r.put("status", "failed");
        r.put("error", o.errorCode());
        r.put("message", o.message());
      }
    }
    return bytes(root);
  }

  public static byte[] refused(Rejection r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("error", r.code());
    root.put("message", r.message());
    root.put("received", 0);
    return bytes(root);
  }

  private static byte[] bytes(ObjectNode root) {
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }
}
