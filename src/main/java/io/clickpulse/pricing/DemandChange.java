package io.clickpulse.pricing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
// compile-time constants, inlined: the Lambda package (pricing, config, aws) needs no aggregate
// class
import io.clickpulse.aggregate.DemandColumns;
import java.util.Map;

/**
 * What the handler needs of one product_demand stream record: its id (for idempotency), the
 * product, the window and the demand score of the new image. {@link #parse} explains why a record
 * cannot be used instead of throwing, so one bad record never blocks the others.
 */
public record DemandChange(
    String recordId,
    String sequenceNumber,
    long productId,
    String windowStart,
    double demandScore,
    long views,
    long addToCarts,
    long purchases) {

  /** A parsed record, or the reason it is skipped. */
  public record Parsed(DemandChange change, String skipReason) {}

  public static Parsed parse(DynamodbStreamRecord r) {
    if ("REMOVE".equals(r.getEventName())) {
      return new Parsed(null, "REMOVE (a demand window expired): prices do not react to it");
    }
    if (r.getDynamodb() == null || r.getDynamodb().getNewImage() == null) {
      return new Parsed(
          null, "no NEW_IMAGE in the record (the stream must use NEW_AND_OLD_IMAGES)");
    }
    Map<String, AttributeValue> image = r.getDynamodb().getNewImage();
    try {
      return new Parsed(
          new DemandChange(
              r.getEventID(),
              r.getDynamodb().getSequenceNumber(),
              Long.parseLong(number(image, DemandColumns.PRODUCT_ID)),
              string(image, DemandColumns.WINDOW_START),
              Double.parseDouble(number(image, DemandColumns.DEMAND_SCORE)),
              count(image, DemandColumns.VIEWS),
              count(image, DemandColumns.ADD_TO_CARTS),
              count(image, DemandColumns.PURCHASES)),
          null);
    } catch (IllegalArgumentException e) {
      return new Parsed(null, "malformed demand item: " + e.getMessage());
    }
  }

  private static String number(Map<String, AttributeValue> image, String name) {
    AttributeValue v = image.get(name);
    if (v == null || v.getN() == null) {
      throw new IllegalArgumentException("attribute " + name + " missing or not a number");
    }
    return v.getN();
  }

  private static String string(Map<String, AttributeValue> image, String name) {
    AttributeValue v = image.get(name);
    if (v == null || v.getS() == null) {
      throw new IllegalArgumentException("attribute " + name + " missing or not a string");
    }
    return v.getS();
  }

  private static long count(Map<String, AttributeValue> image, String name) {
    AttributeValue v = image.get(name);
    return v == null || v.getN() == null ? 0 : Long.parseLong(v.getN());
  }
}
