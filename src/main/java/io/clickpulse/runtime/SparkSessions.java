package io.clickpulse.runtime;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.sink.BatchFileCommitProtocol;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The SparkSession every job uses: Glue supplies master and cluster settings; clickpulse adds only
 * what its own config decides (S3 endpoint and credentials for emulators, shuffle width).
 */
public final class SparkSessions {
  /**
   * Hive's own list of SerDes whose columns come from the metastore, plus Athena's JSON SerDe
   * (openx), which Spark's Hive client does not ship: Hive then takes a JSON table's columns from
   * its DDL instead of loading the SerDe class to ask it.
   */
  static final String METASTORE_SCHEMA_SERDES =
      String.join(
          ",",
          "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
          "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
          "org.apache.hadoop.hive.serde2.columnar.ColumnarSerDe",
          "org.apache.hadoop.hive.serde2.dynamic_type.DynamicSerDe",
          "org.apache.hadoop.hive.serde2.MetadataTypedColumnsetSerDe",
          "org.apache.hadoop.hive.serde2.columnar.LazyBinaryColumnarSerDe",
          "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
          "org.apache.hadoop.hive.serde2.lazybinary.LazyBinarySerDe",
          "org.openx.data.jsonserde.JsonSerDe");

  /**
   * Spark keeps 100 compiled code-generation classes by default (a static setting). One batch of
   * the job generates more than that (7 output jobs, their stages and projections), so each batch
   * evicted the classes the next one needed: Janino compiled them again and the JIT compiled the
   * new classes again, batch after batch (JFR: ~250 compilations of generated methods per pass at
   * 100; 259, 77, 67, 14 over four passes at 2,000). README "Benchmark".
   */
  static final String CODEGEN_CACHE = "spark.sql.codegen.cache.maxEntries";

  static final String CODEGEN_CACHE_ENTRIES = "2000";

  private SparkSessions() {}

  /**
   * Fair scheduling between the job's queries: under Spark's FIFO a demand batch's tasks waited for
   * every task of a lake batch submitted before them (seconds on 2 cores); in pools of their own
   * they take the next free core. README "Freshness".
   */
  static final String SCHEDULER_MODE = "spark.scheduler.mode";

  static final String POOL = "spark.scheduler.pool";

  /** Static settings go on the builder; one given with spark-submit --conf (a property) wins. */
  private static SparkSession.Builder withStaticTunings(SparkSession.Builder builder) {
    if (System.getProperty(CODEGEN_CACHE) == null) {
      builder.config(CODEGEN_CACHE, CODEGEN_CACHE_ENTRIES);
    }
    if (System.getProperty(SCHEDULER_MODE) == null) {
      builder.config(SCHEDULER_MODE, "FAIR");
    }
    return builder;
  }

  public static SparkSession create(ClickpulseConfig config, String appName) {
    LibraryProperties.apply(config);
    SparkSession.Builder builder = withStaticTunings(SparkSession.builder().appName(appName));
    // a local Hive metastore when configured; on Glue, --enable-glue-datacatalog sets the catalog
    // itself
    config
        .batch()
        .metastoreUri()
        .ifPresent(
            uri ->
                builder
                    .config("spark.sql.catalogImplementation", "hive")
                    .config("spark.hadoop.hive.metastore.uris", uri));
    // set before the session exists: the Hive client copies the Hadoop configuration when it is
    // created
    builder.config("spark.hadoop.hive.serdes.using.metastore.for.schema", METASTORE_SCHEMA_SERDES);
    SparkSession spark = builder.getOrCreate();
    configure(spark, config);
    return spark;
  }

  /**
   * A local[2] session on 127.0.0.1 inside a CLI command (bench, demo read-back, local batch jobs).
   */
  public static SparkSession local(ClickpulseConfig config, String appName) {
    LibraryProperties.apply(config);
    SparkSession spark =
        withStaticTunings(SparkSession.builder())
            .master("local[2]")
            .appName(appName)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate();
    configure(spark, config);
    return spark;
  }

  /** How a query is started: a {@code DataStreamWriter::start}. */
  public interface QueryStart {
    StreamingQuery start() throws TimeoutException;
  }

  /**
   * Starts a query whose shuffles and dedup state have {@code partitions} partitions, whatever the
   * session's setting (its checkpoint keeps them).
   */
  public static StreamingQuery withShufflePartitions(
      SparkSession spark, int partitions, QueryStart start) throws TimeoutException {
    return withSetting(spark, "spark.sql.shuffle.partitions", String.valueOf(partitions), start);
  }

  /**
   * Starts a query with the SQL setting {@code key} at {@code value}: a query takes the session's
   * settings when it starts, so the session's own value (or none) is back once it has started.
   */
  public static StreamingQuery withSetting(
      SparkSession spark, String key, String value, QueryStart start) throws TimeoutException {
    scala.Option<String> previous = spark.conf().getOption(key);
    spark.conf().set(key, value);
    try {
      return start.start();
    } finally {
      if (previous.isDefined()) {
        spark.conf().set(key, previous.get());
      } else {
        spark.conf().unset(key);
      }
    }
  }

  /**
   * Starts a query whose batches' jobs run in scheduler pool {@code pool}: a query's thread takes
   * the local properties of the thread that starts it, so the pool is set for this start only.
   */
  public static StreamingQuery inPool(SparkSession spark, String pool, QueryStart start)
      throws TimeoutException {
    var sc = spark.sparkContext();
    String previous = sc.getLocalProperty(POOL);
    sc.setLocalProperty(POOL, pool);
    try {
      return start.start();
    } finally {
      sc.setLocalProperty(POOL, previous);
    }
  }

  /** Applies clickpulse's settings to an existing session (tests share one session). */
  public static void configure(SparkSession spark, ClickpulseConfig config) {
    LibraryProperties.apply(config);
    spark
        .conf()
        .set("spark.sql.shuffle.partitions", String.valueOf(config.streaming().statePartitions()));
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    spark.conf().set("spark.sql.parquet.compression.codec", "snappy");
    spark.conf().set("spark.sql.variable.substitute", "false");
    // a micro-batch's cache lives for one batch: compressing it (dictionary stats hash every
    // string, payloads included) costs more CPU than the memory it saves
    setUnlessGiven(spark, "spark.sql.inMemoryColumnarStorage.compressed", "false");
    // a batch's rows span a few hour partitions: one open writer per partition beats sorting the
    // whole batch by partition first (the planned write would add that sort to the plan)
    // (past 8 partitions in one task, e.g. a day's backfill, Spark sorts the rest: bounded memory)
    setUnlessGiven(spark, "spark.sql.optimizer.plannedWrite.enabled", "false");
    setUnlessGiven(spark, "spark.sql.maxConcurrentOutputFileWriters", "8");
    // product x window groups of the demand aggregation: Spark falls back to sorting past 128
    setUnlessGiven(spark, "spark.sql.objectHashAggregate.sortBased.fallbackThreshold", "16384");
    // micro-batch outputs written straight to their final names (see BatchFileCommitProtocol);
    // a platform that brings its own protocol keeps it, and the sinks then stage and rename
    String protocol = spark.conf().get("spark.sql.sources.commitProtocolClass", "");
    if (protocol.isEmpty() || protocol.equals(SQLHadoopMapReduceCommitProtocol.class.getName())) {
      spark
          .conf()
          .set("spark.sql.sources.commitProtocolClass", BatchFileCommitProtocol.class.getName());
    }
    // checkpoint files (offsets, commits, state) in one upload on S3 instead of a temp and rename
    setUnlessGiven(
        spark,
        "spark.sql.streaming.checkpointFileManagerClass",
        SinglePutCheckpointFileManager.class.getName());
    // no batches just to advance the dedup watermark: state is evicted on the next data batch,
    // and every committed batch is one that carried records (a replay re-runs real data)
    spark.conf().set("spark.sql.streaming.noDataMicroBatches.enabled", "false");
    var hadoop = spark.sparkContext().hadoopConfiguration();
    config
        .aws()
        .s3Endpoint()
        .ifPresent(
            endpoint -> {
              hadoop.set("fs.s3a.endpoint", endpoint.toString());
              hadoop.set("fs.s3a.endpoint.region", config.aws().region());
              hadoop.set("fs.s3a.path.style.access", "true");
              hadoop.set(
                  "fs.s3a.connection.ssl.enabled",
                  String.valueOf("https".equals(URI.create(endpoint.toString()).getScheme())));
              // the file system cache stays on: without it every getFileSystem call (per task, per
              // attempt record, per mark) builds a new S3A client with its own thread pools and
              // never closes it. A cache key is scheme and bucket: a stack restarted on a new port
              // inside a test JVM comes with new buckets, so no cached client calls an old port.
              hadoop.set("fs.s3a.attempts.maximum", "3");
              hadoop.set("fs.s3a.retry.limit", "3");
              hadoop.set("fs.s3a.connection.establish.timeout", "5000");
            });
    config
        .aws()
        .staticCredentials()
        .ifPresent(
            c -> {
              hadoop.set(
                  "fs.s3a.aws.credentials.provider",
                  "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
              hadoop.set("fs.s3a.access.key", c.accessKeyId());
              hadoop.set("fs.s3a.secret.key", c.secretAccessKey());
            });
    // task output goes straight into the batch's own staging folder, which is moved afterwards:
    // the v1 committer's extra rename round (a copy on S3) and the _SUCCESS marker buy nothing
    hadoop.set("mapreduce.fileoutputcommitter.algorithm.version", "2");
    hadoop.set("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
    hadoop.set("fs.s3a.buffer.dir", System.getProperty("java.io.tmpdir") + "/clickpulse-s3a");
  }

  /**
   * Spark tunings are defaults: a value given with spark-submit --conf or Glue's job parameters
   * wins.
   */
  private static void setUnlessGiven(SparkSession spark, String key, String value) {
    if (!spark.sparkContext().getConf().contains(key)) {
      spark.conf().set(key, value);
    }
  }
}
