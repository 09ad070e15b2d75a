package io.clickpulse.dev.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends a share of the records through the HTTP collector and the rest straight to Kinesis, as a
 * shop whose browsers post to the collector while its backends put to the stream. Malformed records
 * (not JSON: the collector would refuse their whole request) always go to Kinesis.
 */
public final class SplitPutRecords implements PutRecordsApi {
  private final PutRecordsApi kinesis;
  private final PutRecordsApi collector;
  private final double share;
  private double credit;

  public SplitPutRecords(PutRecordsApi kinesis, PutRecordsApi collector, double share) {
    this.kinesis = kinesis;
    this.collector = collector;
    this.share = share;
  }

  @Override
  public List<Optional<String>> putRecords(String stream, List<OutgoingRecord> batch) {
    List<Integer> viaHttp = new ArrayList<>();
    List<Integer> direct = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      credit += batch.get(i).fault().malformed() ? 0 : share;
      if (credit >= 1) {
        credit -= 1;
        viaHttp.add(i);
      } else {
        direct.add(i);
      }
    }
    List<Optional<String>> out = new ArrayList<>(batch.size());
    batch.forEach(r -> out.add(Optional.empty()));
    send(stream, batch, viaHttp, collector, out);
    send(stream, batch, direct, kinesis, out);
    return out;
  }

  private static void send(
      String stream,
      List<OutgoingRecord> batch,
      List<Integer> indexes,
      PutRecordsApi api,
      List<Optional<String>> out) {
    if (indexes.isEmpty()) {
      return;
    }
    List<Optional<String>> results =
        api.putRecords(stream, indexes.stream().map(batch::get).toList());
    for (int i = 0; i < indexes.size(); i++) {
      out.set(indexes.get(i), results.get(i));
    }
  }
}
