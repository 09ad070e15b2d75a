package io.clickpulse.jobs;

import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.StreamingConfig;
import io.clickpulse.enrich.CatalogEnricher;
import io.clickpulse.enrich.Enricher;
import io.clickpulse.enrich.ReferenceData;
import io.clickpulse.event.EventDecoder;
import io.clickpulse.event.RecordDecoding;
import io.clickpulse.source.KinesisStreamSource;
import io.clickpulse.source.ShardLocator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The streaming job (Glue streaming job or spark-submit {@code --class}): Kinesis → decode and
 * validate → dedup on event id → enrich → raw archive, enriched events, bad records, high-intent
 * views and product demand, once per micro-batch. It is wiring only; the logic lives in the
 * transforms and sinks it composes.
 */
public final class StreamingJob {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingJob.class);
  public static final String QUERY_NAME = "clickpulse-streaming";

  private StreamingJob() {}

  public static void main(String[] args) throws Exception {
    ClickpulseConfig config = ClickpulseConfig.fromArgs(args);
    SparkSession spark = SparkSessions.create(config, QUERY_NAME);
    StreamingQuery query = start(spark, config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(query), "clickpulse-stop-query"));
    runUntilDone(query, config.streaming());
    spark.stop();
  }

  /** Builds and starts the query on a given session (tests and the benchmark share one). */
  public static StreamingQuery start(SparkSession spark, ClickpulseConfig config) throws TimeoutException {
    SparkSessions.configure(spark, config);
    StreamingConfig s = config.streaming();
    AwsClients clients = new AwsClients(config.aws());
    KinesisClient kinesis = clients.kinesis();
    DynamoDbClient dynamo = clients.dynamoDb();

    EventDecoder decoder = new EventDecoder(s.maxRecordBytes(), s.maxEventAge(), s.maxEventFuture(), new HashSet<>(s.pixelEventNames()));
    Dataset<Row> decoded = RecordDecoding.decode(KinesisStreamSource.read(spark, config, kinesis), decoder);
    // dedup by arrival time, not event time: a retry or re-read arrives close to the original,
    // while an event that is late in event time must still pass (and be counted)
    Dataset<Row> deduped = decoded.withWatermark("arrival_time", s.dedupWatermark().toSeconds() + " seconds")
        .dropDuplicatesWithinWatermark("event_id");

    List<Enricher> enrichers = List.of(new CatalogEnricher(new ReferenceData(spark, config, Clock.systemUTC())));
    DemandStore demand = new DemandStore(dynamo, config.tables().productDemand(), s.demandTtl());
    MicroBatchProcessor.Outputs outputs = MicroBatchProcessor.Outputs.forLake(config, () -> demand,
        () -> ShardLocator.of(kinesis, config.stream().name()));
    MicroBatchProcessor processor = new MicroBatchProcessor(enrichers, outputs, s.highIntentThreshold(),
        s.demandWindow(), new BatchLog(s.batchLog().map(Path::of)));

    StreamingQuery query = deduped.writeStream()
        .queryName(QUERY_NAME)
        .option("checkpointLocation", s.checkpoint())
        .trigger(Trigger.ProcessingTime(s.triggerInterval().toMillis()))
        .foreachBatch(processor)
        .start();
    LOG.info("started query {} (id {}) on stream {} from {}, checkpoint {}, trigger {}", QUERY_NAME, query.id(),
        config.stream().name(), s.startingPosition(), s.checkpoint(), s.triggerInterval());
    return query;
  }

  /**
   * Waits for the query; with a run-for limit, stops it once the limit passed and the query is
   * idle (no batch running, no data waiting), so a demo or benchmark ends between batches.
   */
  static void runUntilDone(StreamingQuery query, StreamingConfig s) throws StreamingQueryException, TimeoutException {
    if (s.runFor().isZero()) {
      query.awaitTermination();
      return;
    }
    if (query.awaitTermination(s.runFor().toMillis())) {
      return;
    }
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (query.isActive() && System.nanoTime() < deadline) {
      var status = query.status();
      if (!status.isTriggerActive() && !status.isDataAvailable()) {
        break;
      }
      query.awaitTermination(500);
    }
    LOG.info("run-for {} reached: stopping query {}", s.runFor(), query.id());
    query.stop();
    if (query.exception().isDefined()) {
      throw query.exception().get();
    }
  }

  private static void stopQuietly(StreamingQuery query) {
    try {
      if (query.isActive()) {
        query.stop();
      }
    } catch (TimeoutException | RuntimeException e) {
      LOG.warn("stopping the query at shutdown: {}", e.toString());
    }
  }
}
