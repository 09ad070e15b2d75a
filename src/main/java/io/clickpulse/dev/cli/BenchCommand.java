package io.clickpulse.dev.cli;

import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.dev.generate.ClickstreamGenerator;
import io.clickpulse.dev.generate.FaultInjector;
import io.clickpulse.dev.generate.GeneratorConfig;
import io.clickpulse.dev.generate.KinesisPutRecords;
import io.clickpulse.dev.generate.OutgoingRecord;
import io.clickpulse.dev.generate.SendReport;
import io.clickpulse.dev.generate.ShopperSimulation;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.FileTrees;
import io.clickpulse.dev.local.LocalStack;
import io.clickpulse.dev.local.StackConfig;
import io.clickpulse.dev.seed.Product;
import io.clickpulse.dev.seed.ProductCatalog;
import io.clickpulse.dev.seed.SeedConfig;
import io.clickpulse.enrich.CatalogEnricher;
import io.clickpulse.enrich.EnricherChain;
import io.clickpulse.enrich.Enrichers;
import io.clickpulse.enrich.ReferenceData;
import io.clickpulse.runtime.SparkSessions;
import io.clickpulse.source.ShardLocator;
import io.clickpulse.streaming.MicroBatchProcessor;
import io.clickpulse.streaming.QueryProgress;
import io.clickpulse.streaming.StreamingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code clickpulse bench streaming}: events/s through decode, validate, dedup, enrich, aggregate
 * and write on local[2], (1) from files, with and without enrichment, and (2) from a pre-filled
 * Kinesis stream through the real streaming query. Prints figures; asserts nothing.
 */
final class BenchCommand {
  private static final StructType KINESIS_ROWS =
      new StructType()
          .add("data", DataTypes.BinaryType)
          .add("partitionKey", DataTypes.StringType)
          .add("sequenceNumber", DataTypes.StringType)
          .add("approximateArrivalTimestamp", DataTypes.TimestampType);

  private final Path projectDir;

  BenchCommand(Path projectDir) {
    this.projectDir = projectDir;
  }

  int run(List<String> args) throws Exception {
    if (!args.isEmpty() && args.get(0).equals("collector")) {
      return new CollectorBench(projectDir).run(args.subList(1, args.size()));
    }
    if (args.isEmpty() || !args.get(0).equals("streaming")) {
      throw new ConfigException("bench: expected 'streaming' or 'collector'");
    }
    List<String> base =
        new ArrayList<>(
            List.of(
                "--stack.dir",
                "target/bench/stack",
                "--stack.s3-backend",
                "transient",
                // no Trino or metastore: idle JVMs on the 2 cores would be measured too
                "--stack.athena",
                "false",
                "--streaming.trigger-interval",
                "1s",
                "--streaming.state-partitions",
                "4",
                "--streaming.checkpoint",
                "s3a://clickpulse-lake/checkpoints/bench-" + System.currentTimeMillis()));
    base.addAll(args.subList(1, args.size()));
    ClickpulseConfig plain = ClickpulseConfig.fromArgs(base);
    int fileRecords = plain.settings().intIn("bench.file-records", 1000, 10_000_000);
    int streamRecords = plain.settings().intIn("bench.stream-records", 1000, 10_000_000);
    try (LocalStack stack =
        LocalStack.start(
            StackConfig.from(plain.settings()),
            projectDir,
            Credentials.local(plain),
            System.out::println)) {
      List<String> withEndpoints = stack.endpoints().before(base);
      ClickpulseConfig config = ClickpulseConfig.fromArgs(withEndpoints);
      new Bootstrap(config, s -> {}).run();
      SparkSession spark = SparkSessions.local(config, "clickpulse-bench");
      AwsClients clients = new AwsClients(config.aws());
      try (DynamoDbClient dynamo = clients.dynamoDb();
          KinesisClient kinesis = clients.kinesis()) {
        var catalog = ProductCatalog.scan(dynamo, config.tables().products());
        Path input = projectDir.resolve("target/bench/input.parquet");
        System.out.printf("bench: generating %d records into %s%n", fileRecords, input);
        writeInput(spark, config, catalog, fileRecords, input);

        ReferenceData reference =
            new ReferenceData(
                spark,
                config.aws(),
                config.tables(),
                config.streaming().referenceRefresh(),
                Clock.systemUTC());
        System.out.println("bench: warm-up pass (JIT, Spark code generation), not measured");
        EnricherChain all = Enrichers.standard(spark, config.enrich(), reference);
        fromFiles(spark, withEndpoints, input, fileRecords, all, dynamo, "warmup");
        double plain0 =
            fromFiles(
                spark,
                withEndpoints,
                input,
                fileRecords,
                EnricherChain.none(),
                dynamo,
                "no-enrich");
        double catalogOnly =
            fromFiles(
                spark,
                withEndpoints,
                input,
                fileRecords,
                new EnricherChain(List.of(new CatalogEnricher(reference))),
                dynamo,
                "catalog-only");
        double withEnrich =
            fromFiles(spark, withEndpoints, input, fileRecords, all, dynamo, "enriched");
        System.out.printf(
            "bench: from files, %d records, local[2]: %.0f events/s fully enriched (catalog, geo IP, user agent,"
                + " campaign, user profile), %.0f events/s with the catalog join only, %.0f events/s without enrichment%n",
            fileRecords, withEnrich, catalogOnly, plain0);

        System.out.printf("bench: pre-filling the stream with %d records%n", streamRecords);
        ClickpulseConfig gen =
            ClickpulseConfig.fromArgs(
                concat(
                    withEndpoints,
                    List.of(
                        "--generate.count",
                        String.valueOf(streamRecords),
                        "--generate.rate",
                        "0")));
        new ClickstreamGenerator(
                GeneratorConfig.from(gen.settings()),
                catalog,
                SeedConfig.from(config.settings()).users(),
                new KinesisPutRecords(kinesis),
                config.stream().name(),
                Clock.systemUTC(),
                s -> {})
            .run();
        double stream = fromStream(spark, config, streamRecords);
        System.out.printf(
            "bench: from the pre-filled Kinesis stream (kinesis-mock), %d records, local[2]: %.0f events/s%n",
            streamRecords, stream);

        int rate = config.settings().intIn("bench.freshness-rate", 1, 100_000);
        int seconds = config.settings().intIn("bench.freshness-seconds", 5, 3600);
        Path log = projectDir.resolve("target/bench/freshness-batches.jsonl");
        Files.deleteIfExists(log);
        ClickpulseConfig steady =
            ClickpulseConfig.fromArgs(
                concat(
                    withEndpoints,
                    List.of(
                        "--streaming.batch-log",
                        log.toString(),
                        "--kinesis.starting-position",
                        "LATEST",
                        "--streaming.checkpoint",
                        "s3a://clickpulse-lake/checkpoints/bench-fresh-"
                            + System.currentTimeMillis(),
                        "--generate.rate",
                        String.valueOf(rate),
                        "--generate.seconds",
                        String.valueOf(seconds),
                        "--generate.count",
                        "0")));
        System.out.printf(
            "bench: freshness at a steady %d events/s for %d s (trigger %s)%n",
            rate, seconds, steady.streaming().triggerInterval());
        StreamingQuery q = StreamingJob.start(spark, steady);
        try {
          Thread.sleep(3000); // let the query take its LATEST position before the first put
          SendReport sent =
              new ClickstreamGenerator(
                      GeneratorConfig.from(steady.settings()),
                      catalog,
                      SeedConfig.from(config.settings()).users(),
                      new KinesisPutRecords(kinesis),
                      config.stream().name(),
                      Clock.systemUTC(),
                      s -> {})
                  .run();
          awaitInput(q, sent.records());
        } finally {
          q.stop();
        }
        var demandSamples = Freshness.samples(log, "demand_visible_ms");
        var allSamples = Freshness.samples(log, "completed_ms");
        System.out.printf(
            "bench: freshness, put → visible in product_demand: p50 %.0f ms, p95 %.0f ms;"
                + " put → every output written: p50 %.0f ms, p95 %.0f ms%n",
            Freshness.percentile(demandSamples, 0.5),
            Freshness.percentile(demandSamples, 0.95),
            Freshness.percentile(allSamples, 0.5),
            Freshness.percentile(allSamples, 0.95));
      }
      spark.stop();
    }
    return 0;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void writeInput(
      SparkSession spark, ClickpulseConfig config, List<Product> catalog, int n, Path file) {
    ShopperSimulation sim =
        new ShopperSimulation(
            1,
            catalog,
            SeedConfig.from(config.settings()).users(),
            Instant.now(),
            5000,
            Duration.ofSeconds(1));
    FaultInjector faults =
        new FaultInjector(1, 0.01, 0.01, 0.01, 0.01, Duration.ofHours(1), 999_999);
    List<Row> rows = new ArrayList<>(n);
    Timestamp arrival = Timestamp.from(Instant.now().plusSeconds(5));
    long seq = 0;
    while (rows.size() < n) {
      for (OutgoingRecord r : faults.apply(sim.next())) {
        rows.add(RowFactory.create(r.data(), r.partitionKey(), String.valueOf(++seq), arrival));
      }
    }
    spark
        .createDataFrame(rows.subList(0, n), KINESIS_ROWS)
        .repartition(4)
        .write()
        .mode("overwrite")
        .parquet(file.toString());
  }

  /**
   * The streaming job's own query (decode, stateful dedup, enrichers, every output) on a file
   * source holding Kinesis-shaped rows, in one AvailableNow batch; the lake and checkpoint on the
   * local disk, so the figure is Spark's, not s3proxy's.
   */
  private double fromFiles(
      SparkSession spark,
      List<String> args,
      Path input,
      long records,
      EnricherChain enrichers,
      DynamoDbClient dynamo,
      String name)
      throws Exception {
    Path dir = projectDir.resolve("target/bench/" + name);
    FileTrees.delete(dir);
    ClickpulseConfig run =
        ClickpulseConfig.fromArgs(
            concat(
                args,
                List.of("--streaming.checkpoint", dir.resolve("checkpoint").toUri().toString())));
    var s = run.streaming();
    String out = dir.toUri().toString();
    MicroBatchProcessor.Outputs outputs =
        MicroBatchProcessor.Outputs.under(
            dataset -> out + dataset,
            () -> new DemandStore(dynamo, run.tables().productDemand(), s.demandTtl()),
            () -> new ShardLocator(List.of()));
    long t0 = System.nanoTime();
    StreamingQuery q =
        StreamingJob.start(
            spark,
            run,
            spark.readStream().schema(KINESIS_ROWS).parquet(input.toString()),
            enrichers,
            outputs,
            Trigger.AvailableNow());
    q.awaitTermination();
    if (q.exception().isDefined()) {
      throw q.exception().get();
    }
    double rate = records / ((System.nanoTime() - t0) / 1e9);
    System.out.printf("bench: %s: %d records in one batch, %.0f events/s%n", name, records, rate);
    return rate;
  }

  private static double fromStream(SparkSession spark, ClickpulseConfig config, long records)
      throws Exception {
    StreamingQuery q = StreamingJob.start(spark, config);
    long t0 = System.nanoTime();
    try {
      awaitInput(q, records);
      return records / ((System.nanoTime() - t0) / 1e9);
    } finally {
      q.stop();
    }
  }

  private static void awaitInput(StreamingQuery q, long records) throws Exception {
    QueryProgress.awaitInputRows(q, records, Duration.ofMinutes(15));
  }
}
