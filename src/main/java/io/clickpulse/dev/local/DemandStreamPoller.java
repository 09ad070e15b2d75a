package io.clickpulse.dev.local;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.pricing.PricingHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Lambda's DynamoDB event source, locally: reads the product_demand table's stream (every shard,
 * parents first), hands each batch to the same {@link PricingHandler} in the event shape Lambda
 * uses, and keeps its position per shard in a JSON file, so a restart resumes after the last record
 * handled. As with ReportBatchItemFailures, a shard's position stops before the first failed
 * record, which is delivered again on the next poll. {@link #close} stops the background polling
 * only: {@link #pollOnce} still works, e.g. for a last pass after a job stopped.
 */
public final class DemandStreamPoller implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 100;

  private final DynamoDbClient dynamo;
  private final DynamoDbStreamsClient streams;
  private final String table;
  private final PricingHandler handler;
  private final Path stateFile;
  private final Consumer<String> log;
  private final Map<String, String> positions = new TreeMap<>();
  private volatile boolean closed;
  private Thread thread;

  public DemandStreamPoller(
      DynamoDbClient dynamo,
      DynamoDbStreamsClient streams,
      String table,
      PricingHandler handler,
      Path stateFile,
      Consumer<String> log) {
    this.dynamo = dynamo;
    this.streams = streams;
    this.table = table;
    this.handler = handler;
    this.stateFile = stateFile;
    this.log = log;
    load();
  }

  /** One pass over every shard; returns the number of records handed to the handler. */
  public synchronized int pollOnce() {
    String arn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    if (arn == null) {
      throw new IllegalStateException(
          "table "
              + table
              + " has no stream: enable NEW_AND_OLD_IMAGES (clickpulse bootstrap does)");
    }
    int handled = 0;
    for (Shard shard : shards(arn)) {
      handled += pollShard(arn, shard);
    }
    save();
    return handled;
  }

  private int pollShard(String arn, Shard shard) {
    // keyed by stream too: a table created again (a new local stack) has a new stream whose
    // shard ids may repeat the old ones
    String key = arn + "|" + shard.shardId();
    String position = positions.get(key);
    String iterator =
        streams
            .getShardIterator(
                b -> {
                  b.streamArn(arn).shardId(shard.shardId());
                  if (position == null) {
                    b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                  } else {
                    b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(position);
                  }
                })
            .shardIterator();
    int handled = 0;
    while (iterator != null) {
      String current = iterator;
      GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(BATCH));
      List<Record> records = page.records();
      if (records.isEmpty()) {
        break;
      }
      StreamsEventResponse response =
          handler.handleRequest(StreamRecords.event(records, arn), null);
      handled += records.size();
      String failedAt =
          response.getBatchItemFailures().stream()
              .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
              .min(Comparator.comparing(BigInteger::new))
              .orElse(null);
      if (failedAt != null) {
        // stop before the first failure: it and what follows come again next time
        records.stream()
            .map(r -> r.dynamodb().sequenceNumber())
            .filter(s -> new BigInteger(s).compareTo(new BigInteger(failedAt)) < 0)
            .max(Comparator.comparing(BigInteger::new))
            .ifPresent(s -> positions.put(key, s));
        log.accept(
            "pricing poller: shard "
                + shard.shardId()
                + ": retrying from record "
                + failedAt
                + " on the next poll");
        break;
      }
      positions.put(key, records.get(records.size() - 1).dynamodb().sequenceNumber());
      iterator = page.nextShardIterator();
    }
    return handled;
  }

  /** Every shard of the stream, parents before their children. */
  private List<Shard> shards(String arn) {
    List<Shard> all = new ArrayList<>();
    String start = null;
    do {
      String from = start;
      var d =
          streams
              .describeStream(b -> b.streamArn(arn).exclusiveStartShardId(from))
              .streamDescription();
      all.addAll(d.shards());
      start = d.lastEvaluatedShardId();
    } while (start != null);
    all.sort(
        Comparator.comparing(
            (Shard s) -> new BigInteger(s.sequenceNumberRange().startingSequenceNumber())));
    return all;
  }

  /** Polls on a daemon thread until closed; a failed poll is logged and tried again. */
  public void start(Duration interval) {
    thread =
        new Thread(
            () -> {
              while (!closed) {
                try {
                  pollOnce();
                } catch (RuntimeException e) {
                  log.accept("pricing poller: poll failed, trying again: " + e);
                }
                try {
                  Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "clickpulse-pricing-poller");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void load() {
    if (Files.exists(stateFile)) {
      try {
        positions.putAll(JSON.readValue(stateFile.toFile(), Map.class));
      } catch (IOException e) {
        throw new UncheckedIOException("reading the poller position " + stateFile, e);
      }
    }
  }

  private void save() {
    try {
      if (stateFile.getParent() != null) {
        Files.createDirectories(stateFile.getParent());
      }
      Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), positions);
      Files.move(
          tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("saving the poller position " + stateFile, e);
    }
  }
}
