package io.clickpulse.dev.cli;

import io.clickpulse.aggregate.DemandStore;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.dev.bench.BatchPhases;
import io.clickpulse.dev.bench.CpuSample;
import io.clickpulse.dev.bench.LakeFiles;
import io.clickpulse.dev.bench.PassFigures;
import io.clickpulse.dev.bench.PlainSparkJob;
import io.clickpulse.dev.bench.StackCpu;
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
import io.clickpulse.dev.local.ManagedProcess;
import io.clickpulse.dev.local.StackConfig;
import io.clickpulse.dev.seed.Product;
import io.clickpulse.dev.seed.ProductCatalog;
import io.clickpulse.dev.seed.SeedConfig;
import io.clickpulse.enrich.EnricherChain;
import io.clickpulse.enrich.Enrichers;
import io.clickpulse.enrich.ReferenceData;
import io.clickpulse.runtime.SparkSessions;
import io.clickpulse.source.ShardLocator;
import io.clickpulse.streaming.BatchLog;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

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
                // kinesis-mock's PutRecords slows down as its stream grows (README "Load")
                "--stack.kinesis-emulator",
                "kinesalite",
                "--streaming.trigger-interval",
                "1s",
                "--streaming.state-partitions",
                "4",
                // the from-files passes: one query writes every output, demand included
                "--streaming.demand-path",
                "in-batch",
                // the throughput passes need no freshness deciles; reference data as deployed
                "--streaming.arrival-deciles",
                "false",
                "--streaming.reference-refresh",
                "5min",
                "--streaming.checkpoint",
                "s3a://clickpulse-lake/checkpoints/bench-" + System.currentTimeMillis()));
    base.addAll(args.subList(1, args.size()));
    ClickpulseConfig plain = ClickpulseConfig.fromArgs(base);
    int fileRecords = plain.settings().intIn("bench.file-records", 1000, 10_000_000);
    int streamRecords = plain.settings().intIn("bench.stream-records", 1000, 10_000_000);
    int passes = plain.settings().intIn("bench.passes", 2, 50);
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
          KinesisClient kinesis = clients.kinesis();
          S3Client s3 = clients.s3()) {
        var catalog = ProductCatalog.scan(dynamo, config.tables().products());
        Path input = projectDir.resolve("target/bench/input.parquet");
        System.out.printf("bench: generating %d records into %s%n", fileRecords, input);
        writeInput(spark, config, catalog, fileRecords, input);
        FileTrees.delete(projectDir.resolve("target/bench/passes"));

        ReferenceData reference =
            new ReferenceData(
                spark,
                config.aws(),
                config.tables(),
                config.streaming().referenceRefresh(),
                Clock.systemUTC());
        EnricherChain all = Enrichers.standard(spark, config.enrich(), reference);
        String plainTable = PlainSparkJob.createTable(dynamo, "bench_plain_demand");
        System.out.printf(
            "bench: steady state: %d passes each of the job (fully enriched, every output) and of a"
                + " plain Spark job, interleaved, on one JVM, %d records a pass%n",
            passes, fileRecords);
        List<PassFigures> job = new ArrayList<>();
        List<PassFigures> baseline = new ArrayList<>();
        for (int i = 1; i <= passes; i++) {
          job.add(fromFiles(spark, withEndpoints, input, fileRecords, all, dynamo, "job", i));
          baseline.add(plainPass(spark, input, fileRecords, dynamo, plainTable, i));
        }
        PassFigures settledJob = PassFigures.settled(job);
        PassFigures settledPlain = PassFigures.settled(baseline);
        PassFigures noEnrich =
            fromFiles(
                spark,
                withEndpoints,
                input,
                fileRecords,
                EnricherChain.none(),
                dynamo,
                "job-without-enrichment",
                1);
        System.out.printf(
            Locale.ROOT,
            "bench: settled (median of passes 2-%d), local[2]: job %,.0f events/s at %.0f CPU-µs/event;"
                + " plain Spark job %,.0f events/s at %.0f CPU-µs/event; ratio job/plain %.2f;"
                + " job without enrichment %,.0f events/s%n",
            passes,
            settledJob.eventsPerSecond(),
            settledJob.cpuMicrosPerEvent(),
            settledPlain.eventsPerSecond(),
            settledPlain.cpuMicrosPerEvent(),
            settledJob.eventsPerSecond() / settledPlain.eventsPerSecond(),
            noEnrich.eventsPerSecond());

        System.out.printf("bench: pre-filling the stream with %d records%n", streamRecords);
        generate(
            ClickpulseConfig.fromArgs(
                concat(
                    withEndpoints,
                    List.of(
                        "--generate.count",
                        String.valueOf(streamRecords),
                        "--generate.rate",
                        "0"))),
            catalog,
            kinesis);
        double stream = fromStream(spark, config, streamRecords);
        System.out.printf(
            "bench: from the pre-filled Kinesis stream (kinesalite), %d records, local[2]: %.0f events/s%n",
            streamRecords, stream);

        int seconds = config.settings().intIn("bench.freshness-seconds", 5, 3600);
        for (String rate : config.settings().string("bench.freshness-rates").split(",")) {
          if (!rate.isBlank()) {
            freshness(
                spark,
                config,
                withEndpoints,
                catalog,
                kinesis,
                s3,
                stack.processes(),
                rate.trim(),
                seconds);
          }
        }
      }
      spark.stop();
    }
    return 0;
  }

  /**
   * What the running queries cost while measured (the generator's puts from this JVM included), and
   * how many classes Spark compiled meanwhile: a running job that keeps compiling never settles.
   */
  private static void printRunningCpu(String rate, CpuSample.Interval cpu, long compiledBefore) {
    long compiled = CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - compiledBefore;
    System.out.printf(
        Locale.ROOT,
        "bench: at %s events/s, the measured %.0f s used %.2f cores (JIT %.0f %%, GC %.0f %%, Spark"
            + " tasks %.0f %% of it); Spark compiled %d classes meanwhile (%.1f a minute)%n",
        rate,
        cpu.seconds(),
        cpu.cores(),
        100 * cpu.share(cpu.jitMs()),
        100 * cpu.share(cpu.gcMs()),
        100 * cpu.share(cpu.taskMs()),
        compiled,
        compiled * 60 / cpu.seconds());
  }

  /** The emulators' share of the cores in the same window: on 2 cores they compete with Spark. */
  private static void printStackCpu(
      String rate, CpuSample.Interval jvm, Map<String, Double> cores) {
    System.out.printf(
        Locale.ROOT,
        "bench: at %s events/s, the emulators meanwhile: %s; with this JVM's %.2f, %.2f of the %d"
            + " cores%n",
        rate,
        StackCpu.describe(cores),
        jvm.cores(),
        jvm.cores() + StackCpu.total(cores),
        Runtime.getRuntime().availableProcessors());
  }

  /**
   * Put → visible at a steady rate through the job as it runs on the separate demand path: the
   * demand query on its 1 s trigger, the lake query on bench.lake-trigger-seconds; then the files
   * per hour each dataset gets from the lake query, at that trigger and at the default one.
   */
  private void freshness(
      SparkSession spark,
      ClickpulseConfig config,
      List<String> withEndpoints,
      List<Product> catalog,
      KinesisClient kinesis,
      S3Client s3,
      List<ManagedProcess> emulators,
      String rate,
      int seconds)
      throws Exception {
    Path log = projectDir.resolve("target/bench/freshness-" + rate + ".jsonl");
    Path demandLog = BatchLog.demandLogOf(log);
    Files.deleteIfExists(log);
    Files.deleteIfExists(demandLog);
    long run = System.currentTimeMillis();
    String lakeTrigger = config.settings().intIn("bench.lake-trigger-seconds", 1, 3600) + "s";
    List<String> runArgs =
        concat(
            withEndpoints,
            List.of(
                "--streaming.demand-path",
                "separate",
                "--streaming.trigger-interval",
                lakeTrigger,
                "--streaming.batch-log",
                log.toString(),
                "--streaming.arrival-deciles",
                "true",
                "--kinesis.starting-position",
                "LATEST",
                "--streaming.checkpoint",
                "s3a://clickpulse-lake/checkpoints/bench-fresh-" + run,
                "--streaming.demand-checkpoint",
                "s3a://clickpulse-lake/checkpoints/bench-demand-" + run,
                "--sessions.checkpoint",
                "s3a://clickpulse-lake/checkpoints/bench-sessions-" + run,
                "--sessions.enabled",
                String.valueOf(config.settings().bool("bench.freshness-sessions")),
                "--generate.rate",
                rate,
                "--generate.count",
                "0"));
    ClickpulseConfig steady =
        ClickpulseConfig.fromArgs(
            concat(runArgs, List.of("--generate.seconds", String.valueOf(seconds))));
    // a warm-up at the same rate until both queries have processed it: their first batches
    // (LATEST positions, code generation, the JIT) are not what a running job's freshness is
    ClickpulseConfig warmUp =
        ClickpulseConfig.fromArgs(
            concat(
                runArgs,
                List.of(
                    "--generate.seconds",
                    String.valueOf(
                        config.settings().intIn("bench.freshness-warm-up-seconds", 1, 3600)))));
    System.out.printf(
        "bench: freshness at a steady %s events/s for %d s (demand trigger %s, lake trigger %s%s)%n",
        rate,
        seconds,
        steady.streaming().demandTriggerInterval(),
        lakeTrigger,
        steady.sessions().enabled() ? ", the sessions query on the lake trigger too" : "");
    new Bootstrap(steady, m -> {}).run();
    // every batch's input rows: a run of more than 100 demand batches outgrows recentProgress
    QueryProgress.InputRows read = QueryProgress.InputRows.register(spark);
    StreamingQuery lake = StreamingJob.start(spark, steady);
    StreamingQuery demand = StreamingJob.startDemand(spark, steady);
    Optional<StreamingQuery> sessions =
        steady.sessions().enabled()
            ? Optional.of(StreamingJob.startSessions(spark, steady))
            : Optional.empty();
    int warmDemand;
    int warmLake;
    LakeFiles before;
    SendReport sent;
    try {
      long warm = generate(warmUp, catalog, kinesis).records();
      QueryProgress.awaitInputRows(demand, read, warm, Duration.ofMinutes(15));
      QueryProgress.awaitInputRows(lake, read, warm, Duration.ofMinutes(15));
      warmDemand = BatchLog.read(demandLog).size();
      warmLake = BatchLog.read(log).size();
      before = LakeFiles.count(s3, steady);
      CpuSample cpu = CpuSample.now();
      StackCpu stackCpu = StackCpu.now(emulators);
      long compiled = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
      sent = generate(steady, catalog, kinesis);
      QueryProgress.awaitInputRows(demand, read, warm + sent.records(), Duration.ofMinutes(15));
      QueryProgress.awaitInputRows(lake, read, warm + sent.records(), Duration.ofMinutes(15));
      CpuSample.Interval jvm = CpuSample.now().since(cpu);
      printRunningCpu(rate, jvm, compiled);
      printStackCpu(rate, jvm, StackCpu.now(emulators).coresSince(stackCpu));
      System.out.printf(
          "bench: at %s events/s, a demand batch's phases (median ms of the measured batches): %s%n",
          rate, BatchPhases.medians(demand, warmDemand));
    } finally {
      read.close();
      demand.stop();
      lake.stop();
      if (sessions.isPresent()) {
        sessions.get().stop();
      }
    }
    var demandSamples = Freshness.samples(demandLog, "demand_visible_ms", warmDemand);
    var lakeSamples = Freshness.samples(log, "completed_ms", warmLake);
    System.out.printf(
        Locale.ROOT,
        "bench: freshness at %s events/s: put → visible in product_demand p50 %.0f ms, p95 %.0f ms"
            + " (%d demand batches); put → every lake output written p50 %.0f ms, p95 %.0f ms%n",
        rate,
        Freshness.percentile(demandSamples, 0.5),
        Freshness.percentile(demandSamples, 0.95),
        BatchLog.read(demandLog).size() - warmDemand,
        Freshness.percentile(lakeSamples, 0.5),
        Freshness.percentile(lakeSamples, 0.95));
    long lakeBatches = BatchLog.read(log).size() - warmLake;
    LakeFiles written = LakeFiles.count(s3, steady).minus(before);
    // the trigger a deployed job runs at (the aws profile keeps the defaults' interval)
    Duration defaultTrigger =
        ClickpulseConfig.fromArgs(List.of("--profile", "aws")).streaming().triggerInterval();
    System.out.println(
        "bench: files per hour at "
            + rate
            + " events/s: "
            + written.perHour(lakeBatches, steady.streaming().triggerInterval())
            + " at the "
            + lakeTrigger
            + " trigger; "
            + written.perHour(lakeBatches, defaultTrigger)
            + " at the default "
            + defaultTrigger.toSeconds()
            + " s trigger ("
            + written
            + " in "
            + lakeBatches
            + " lake batches)");
  }

  /** The generator as configured in {@code config} (generate.*), into the bench's stream. */
  private static SendReport generate(
      ClickpulseConfig config, List<Product> catalog, KinesisClient kinesis) throws Exception {
    return new ClickstreamGenerator(
            GeneratorConfig.from(config.settings()),
            catalog,
            SeedConfig.from(config.settings()).users(),
            new KinesisPutRecords(kinesis),
            config.stream().name(),
            Clock.systemUTC(),
            s -> {})
        .run();
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
  private PassFigures fromFiles(
      SparkSession spark,
      List<String> args,
      Path input,
      long records,
      EnricherChain enrichers,
      DynamoDbClient dynamo,
      String name,
      int pass)
      throws Exception {
    Path dir = passDir(name, pass);
    ClickpulseConfig run =
        ClickpulseConfig.fromArgs(
            concat(
                args,
                List.of("--streaming.checkpoint", dir.resolve("checkpoint").toUri().toString())));
    var s = run.streaming();
    String out = folderUri(dir);
    MicroBatchProcessor.Outputs outputs =
        MicroBatchProcessor.Outputs.under(
            dataset -> out + dataset,
            () -> new DemandStore(dynamo, run.tables().productDemand(), s.demandTtl()),
            () -> new ShardLocator(List.of()));
    CpuSample t0 = CpuSample.now();
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
    return reported(new PassFigures(name, pass, records, CpuSample.now().since(t0)), dir);
  }

  /** The plain Spark baseline (see {@link PlainSparkJob}) on the same input. */
  private PassFigures plainPass(
      SparkSession spark, Path input, long records, DynamoDbClient dynamo, String table, int pass)
      throws Exception {
    Path dir = passDir("plain", pass);
    CpuSample t0 = CpuSample.now();
    StreamingQuery q =
        PlainSparkJob.start(
            spark.readStream().schema(KINESIS_ROWS).parquet(input.toString()),
            folderUri(dir),
            dir.resolve("checkpoint").toUri().toString(),
            dynamo,
            table);
    q.awaitTermination();
    if (q.exception().isDefined()) {
      throw q.exception().get();
    }
    return reported(new PassFigures("plain-spark", pass, records, CpuSample.now().since(t0)), dir);
  }

  private Path passDir(String name, int pass) throws Exception {
    Path dir = projectDir.resolve("target/bench/passes/" + name + "-" + pass);
    FileTrees.delete(dir);
    return dir;
  }

  /** A folder as a URI ending in a slash, so that outputs land inside it. */
  private static String folderUri(Path dir) {
    String uri = dir.toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  /** Prints the pass and removes what it wrote (a pass of 200,000 records leaves ~50 MB). */
  private static PassFigures reported(PassFigures figures, Path dir) throws Exception {
    System.out.println("bench: " + figures.describe());
    FileTrees.delete(dir);
    return figures;
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
