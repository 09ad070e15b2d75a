package io.clickpulse.dev.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * DynamoDB Streams records (AWS SDK v2) → the event Lambda delivers for them
 * (aws-lambda-java-events).
 */
public final class StreamRecords {
  private StreamRecords() {}

  public static DynamodbEvent event(List<Record> records, String streamArn) {
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(records.stream().map(r -> record(r, streamArn)).toList());
    return event;
  }

  static DynamodbEvent.DynamodbStreamRecord record(Record r, String streamArn) {
    DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
    out.setEventID(r.eventID());
    out.setEventName(r.eventNameAsString());
    out.setEventVersion(r.eventVersion());
    out.setEventSource("aws:dynamodb");
    out.setAwsRegion(r.awsRegion());
    out.setEventSourceARN(streamArn);
    var d = r.dynamodb();
    StreamRecord s = new StreamRecord();
    s.setKeys(map(d.keys()));
    s.setNewImage(d.hasNewImage() ? map(d.newImage()) : null);
    s.setOldImage(d.hasOldImage() ? map(d.oldImage()) : null);
    s.setSequenceNumber(d.sequenceNumber());
    s.setSizeBytes(d.sizeBytes());
    if (d.streamViewTypeAsString() != null) {
      s.setStreamViewType(StreamViewType.fromValue(d.streamViewTypeAsString()));
    }
    if (d.approximateCreationDateTime() != null) {
      s.setApproximateCreationDateTime(Date.from(d.approximateCreationDateTime()));
    }
    out.setDynamodb(s);
    return out;
  }

  static Map<String, AttributeValue> map(
      Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> in) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
    AttributeValue out = new AttributeValue();
    if (v.s() != null) {
      out.setS(v.s());
    } else if (v.n() != null) {
      out.setN(v.n());
    } else if (v.bool() != null) {
      out.setBOOL(v.bool());
    } else if (v.nul() != null) {
      out.setNULL(v.nul());
    } else if (v.b() != null) {
      out.setB(v.b().asByteBuffer());
    } else if (v.hasM()) {
      out.setM(map(v.m()));
    } else if (v.hasL()) {
      out.setL(v.l().stream().map(StreamRecords::value).toList());
    } else if (v.hasSs()) {
      out.setSS(v.ss());
    } else if (v.hasNs()) {
      out.setNS(v.ns());
    } else if (v.hasBs()) {
      out.setBS(v.bs().stream().map(b -> b.asByteBuffer()).toList());
    }
    return out;
  }
}
