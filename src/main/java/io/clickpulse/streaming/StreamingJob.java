package io.clickpulse.streaming;

import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.alert.AlertSinks;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.StreamingConfig;
import io.clickpulse.enrich.CatalogEnricher;
import io.clickpulse.enrich.EnricherChain;
import io.clickpulse.enrich.Enrichers;
import io.clickpulse.enrich.PayloadPrivacy;
import io.clickpulse.enrich.ReferenceData;
import io.clickpulse.event.EventDecoder;
import io.clickpulse.event.RecordDecoding;
import io.clickpulse.metrics.MetricsSinks;
import io.clickpulse.runtime.GracefulStop;
import io.clickpulse.runtime.JobRunner;
import io.clickpulse.runtime.SparkSessions;
import io.clickpulse.session.SessionStore;
import io.clickpulse.sink.BatchAttempts;
import io.clickpulse.source.KinesisStreamSource;
import io.clickpulse.source.ShardLocator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  public static final String DEMAND_QUERY_NAME = "clickpulse-demand";

  private StreamingJob() {}

  public static void main(String[] args) throws Exception {
    JobRunner.run(args, QUERY_NAME, StreamingJob::run);
  }

  /**
   * The main query and, when enabled, the sessions query, until stopped, failed or run-for reached.
   */
  static void run(SparkSession spark, ClickpulseConfig config) throws Exception {
    config
        .streaming()
        .progressLog()
        .ifPresent(f -> spark.streams().addListener(new ProgressLog(Path.of(f))));
    List<StreamingQuery> queries = new ArrayList<>();
    GracefulStop.install(spark);
    StartupChecks.run(spark, config);
    queries.add(start(spark, config));
    if (config.streaming().demandPath() == StreamingConfig.DemandPath.SEPARATE) {
      queries.add(startDemand(spark, config));
    }
    if (config.sessions().enabled()) {
      queries.add(startSessions(spark, config));
    }
    RunningQueries.awaitAll(queries, config.streaming());
  }

  /** Builds and starts the query on a given session (tests and the benchmark share one). */
  public static StreamingQuery start(SparkSession spark, ClickpulseConfig config)
      throws TimeoutException {
    SparkSessions.configure(spark, config);
    StreamingConfig s = config.streaming();
    AwsClients clients = new AwsClients(config.aws());
    KinesisClient kinesis = clients.kinesis();
    DemandStore demand =
        new DemandStore(clients.dynamoDb(), config.tables().productDemand(), s.demandTtl());
    MicroBatchProcessor.Outputs outputs =
        MicroBatchProcessor.Outputs.forLake(
            config.lake(), () -> demand, () -> ShardLocator.of(kinesis, config.stream().name()));
    ReferenceData reference =
        new ReferenceData(
            spark, config.aws(), config.tables(), s.referenceRefresh(), Clock.systemUTC());
    EnricherChain enrichers = Enrichers.standard(spark, config.enrich(), reference);
    return start(
        spark,
        config,
        source(spark, config, kinesis, "main"),
        enrichers,
        outputs,
        Trigger.ProcessingTime(s.triggerInterval().toMillis()));
  }

  /**
   * The query on any stream of Kinesis-shaped rows (data, partitionKey, sequenceNumber,
   * approximateArrivalTimestamp): the Kinesis source in the job, a file source in the benchmark, so
   * that the benchmark measures the job's own graph (decode, stateful dedup, the batch's outputs).
   */
  public static StreamingQuery start(
      SparkSession spark,
      ClickpulseConfig config,
      Dataset<Row> records,
      EnricherChain enrichers,
      MicroBatchProcessor.Outputs outputs,
      Trigger trigger)
      throws TimeoutException {
    SparkSessions.configure(spark, config);
    StreamingConfig s = config.streaming();
    TaskLimit limit = besideDemand(spark, config);
    // the stored payloads (raw/, bad_records/) masked before any output, as the events' user_ip is
    Dataset<Row> decoded =
        PayloadPrivacy.apply(
            RecordDecoding.decode(limit.read(records), EventDecoder.from(s)),
            config.enrich().anonymizeIp());
    Dataset<Row> deduped = ArrivalDedup.apply(decoded, s.dedupWatermark());
    MicroBatchProcessor processor =
        new MicroBatchProcessor(
            enrichers,
            outputs,
            s.highIntentThreshold(),
            s.demandPath() == StreamingConfig.DemandPath.IN_BATCH
                ? Optional.of(new DemandWrite(outputs.demand(), s.demandWindow()))
                : Optional.empty(),
            arrivalDeciles(s),
            new BatchLog(s.batchLog().map(Path::of)),
            BatchAttempts.inCheckpoint(s.checkpoint()),
            CatalogPartitions.of(spark, config));

    // each query in a scheduler pool named after it (SparkSessions.inPool)
    StreamingQuery query =
        SparkSessions.inPool(
            spark,
            QUERY_NAME,
            () ->
                deduped
                    .writeStream()
                    .queryName(QUERY_NAME)
                    .option("checkpointLocation", s.checkpoint())
                    .trigger(trigger)
                    .foreachBatch(limit.batches(GracefulStop.gated(processor)))
                    .start());
    LOG.info(
        "started query {} (id {}) on stream {} from {}, checkpoint {}, trigger {}, {}",
        QUERY_NAME,
        query.id(),
        config.stream().name(),
        s.startingPosition(),
        s.checkpoint(),
        s.triggerInterval(),
        limit);
    return query;
  }

  /**
   * The demand query (streaming.demand-path=separate): its own read of the stream, decode, dedup,
   * the catalog's columns and product_demand only, on streaming.demand-trigger-interval, so that
   * pricing sees demand within seconds while the lake query writes fewer, larger files.
   */
  public static StreamingQuery startDemand(SparkSession spark, ClickpulseConfig config)
      throws TimeoutException {
    SparkSessions.configure(spark, config);
    StreamingConfig s = config.streaming();
    AwsClients clients = new AwsClients(config.aws());
    DemandStore store =
        new DemandStore(clients.dynamoDb(), config.tables().productDemand(), s.demandTtl());
    ReferenceData reference =
        new ReferenceData(
            spark, config.aws(), config.tables(), s.referenceRefresh(), Clock.systemUTC());
    return startDemand(
        spark,
        config,
        source(spark, config, clients.kinesis(), "demand"),
        new EnricherChain(List.of(new CatalogEnricher(reference))),
        () -> store,
        Trigger.ProcessingTime(s.demandTriggerInterval().toMillis()));
  }

  /** The demand query on any stream of Kinesis-shaped rows (tests and the benchmark). */
  public static StreamingQuery startDemand(
      SparkSession spark,
      ClickpulseConfig config,
      Dataset<Row> records,
      EnricherChain catalog,
      Supplier<DemandStore> store,
      Trigger trigger)
      throws TimeoutException {
    SparkSessions.configure(spark, config);
    StreamingConfig s = config.streaming();
    Dataset<Row> deduped =
        ArrivalDedup.apply(
            RecordDecoding.decode(records, EventDecoder.from(s)), s.dedupWatermark());
    DemandBatchProcessor processor =
        new DemandBatchProcessor(
            catalog,
            new DemandWrite(store, s.demandWindow()),
            arrivalDeciles(s),
            new BatchLog(s.batchLog().map(Path::of).map(BatchLog::demandLogOf)),
            BatchAttempts.inCheckpoint(s.demandCheckpoint()));
    StreamingQuery query =
        SparkSessions.inPool(
            spark,
            DEMAND_QUERY_NAME,
            () ->
                SparkSessions.withShufflePartitions(
                    spark,
                    s.demandStatePartitions(),
                    () ->
                        deduped
                            .writeStream()
                            .queryName(DEMAND_QUERY_NAME)
                            .option("checkpointLocation", s.demandCheckpoint())
                            .trigger(trigger)
                            .foreachBatch(GracefulStop.gated(processor))
                            .start()));
    LOG.info(
        "started query {} (id {}) on stream {}, checkpoint {}",
        DEMAND_QUERY_NAME,
        query.id(),
        config.stream().name(),
        s.demandCheckpoint());
    return query;
  }

  /** The deciles only feed the batch log's freshness figures: computed when both are on. */
  private static ArrivalDeciles arrivalDeciles(StreamingConfig s) {
    return new ArrivalDeciles(s.arrivalDeciles() && s.batchLog().isPresent());
  }

  /**
   * The sessions query (see {@link SessionsQuery}) on its own read of the stream, with its own
   * checkpoint.
   */
  public static StreamingQuery startSessions(SparkSession spark, ClickpulseConfig config)
      throws TimeoutException {
    SparkSessions.configure(spark, config);
    AwsClients clients = new AwsClients(config.aws());
    Dataset<Row> decoded =
        RecordDecoding.decode(
            source(spark, config, clients.kinesis(), "sessions"),
            EventDecoder.from(config.streaming()));
    SessionStore store =
        new SessionStore(clients.dynamoDb(), config.tables().sessions(), config.sessions().ttl());
    return SessionsQuery.start(
        spark,
        config,
        decoded,
        store,
        AlertSinks.from(config.alerts(), config.aws()),
        MetricsSinks.from(config.sessions(), config.aws()),
        besideDemand(spark, config));
  }

  /**
   * The task limit of the lake query and of the sessions query when it runs: they share the slots
   * the demand query does not keep.
   */
  private static TaskLimit besideDemand(SparkSession spark, ClickpulseConfig config) {
    return TaskLimit.besideDemand(spark, config.streaming(), config.sessions().enabled() ? 2 : 1);
  }

  /** The stream as the configured connector reads it for {@code query} (main, demand, sessions). */
  private static Dataset<Row> source(
      SparkSession spark, ClickpulseConfig config, KinesisClient kinesis, String query) {
    return KinesisStreamSource.read(
        spark, config.aws(), config.stream(), config.streaming(), kinesis, query);
  }
}
