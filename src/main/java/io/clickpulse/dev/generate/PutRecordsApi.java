package io.clickpulse.dev.generate;

import java.util.List;
import java.util.Optional;

/** The one Kinesis call the publisher needs; per entry, empty = accepted, else the error code. */
@FunctionalInterface
public interface PutRecordsApi {
  List<Optional<String>> putRecords(String stream, List<OutgoingRecord> batch);
}
