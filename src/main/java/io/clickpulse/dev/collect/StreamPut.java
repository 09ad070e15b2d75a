package io.clickpulse.dev.collect;

import java.util.List;

/**
 * One PutRecords call: an outcome per entry, in order. A call that fails as a whole (Kinesis
 * unreachable, throttled, no such stream) throws.
 */
@FunctionalInterface
public interface StreamPut {
  List<PutOutcome> putRecords(String stream, List<IncomingEvent> entries);
}
