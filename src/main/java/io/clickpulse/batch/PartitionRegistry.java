package io.clickpulse.batch;

import io.clickpulse.config.BatchConfig;
import io.clickpulse.config.LakeConfig;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTablePartition;
import scala.collection.JavaConverters;

/**
 * Partitions of the catalog's tables (the local Hive metastore, or Glue's Data Catalog through
 * Spark): found in the lake by their key=value folders, registered with ALTER TABLE … ADD IF NOT
 * EXISTS PARTITION, listed with their locations, and moved with SET LOCATION (compaction).
 */
public final class PartitionRegistry {
  private static final int PER_STATEMENT = 50;

  private final SparkSession spark;
  private final String database;
  private final String lakeScheme;

  /** lakeScheme: how locations are written into the catalog (s3 on AWS, s3a locally). */
  public PartitionRegistry(SparkSession spark, String database, String lakeScheme) {
    this.spark = spark;
    this.database = database;
    this.lakeScheme = lakeScheme;
  }

  /** A partition's key=value pairs, in column order, and its location. */
  public record Partition(Map<String, String> spec, String location) {
    /** When the partition's hour (or day, without an hour column) begins, UTC. */
    public Instant start() {
      return LakeLayout.start(spec);
    }

    /** When it ends. */
    public Instant end() {
      return LakeLayout.end(spec);
    }

    /** Its folder under the dataset, e.g. year=2026/month=11/day=21/hour=10. */
    public String path() {
      return LakeLayout.folder(spec);
    }
  }

  /**
   * Whether the session has a persistent catalog (Hive metastore or Glue): otherwise nothing to
   * register.
   */
  public static boolean available(SparkSession spark) {
    return "hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"));
  }

  /**
   * After a re-run wrote partitions of a table back in their folder under the lake: if the session
   * has a catalog and it knows the table, those partitions are (re-)registered there, also the ones
   * a compaction had moved, so catalog readers see the re-run at once.
   */
  public static void pointAtRerun(
      SparkSession spark,
      BatchConfig batch,
      LakeConfig lake,
      LakeDataset dataset,
      List<String> partitionDirs) {
    if (!available(spark)) {
      return;
    }
    PartitionRegistry registry =
        new PartitionRegistry(spark, batch.database(), batch.locationScheme());
    String table = dataset.table();
    if (!registry.hasTable(table)) {
      return;
    }
    for (Partition p : registry.discover(dataset.uri(lake), dataset.partitionColumns())) {
      if (partitionDirs.contains(p.path())) {
        registry.addIfMissing(table, List.of(p));
        registry.setLocation(table, p.spec(), p.location());
      }
    }
  }

  /** Whether the catalog has the table yet (the catalog job creates it). */
  public boolean hasTable(String table) {
    return spark.catalog().databaseExists(database) && spark.catalog().tableExists(database, table);
  }

  /**
   * Partition folders under a dataset root (s3a://bucket/events), e.g.
   * year=2026/month=11/day=21/hour=10.
   */
  public List<Partition> discover(String root, List<String> columns) {
    StringBuilder glob = new StringBuilder(root);
    for (String c : columns) {
      glob.append('/').append(c).append("=*");
    }
    try {
      Path pattern = new Path(glob.toString());
      FileSystem fs = pattern.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] found = fs.globStatus(pattern);
      List<Partition> out = new ArrayList<>();
      if (found == null) {
        return out;
      }
      for (FileStatus st : found) {
        if (!st.isDirectory()) {
          continue;
        }
        Map<String, String> spec = new LinkedHashMap<>();
        Path p = st.getPath();
        for (int i = columns.size() - 1; i >= 0; i--, p = p.getParent()) {
          spec.put(columns.get(i), p.getName().substring(columns.get(i).length() + 1));
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        columns.forEach(c -> ordered.put(c, spec.get(c)));
        out.add(new Partition(ordered, catalogLocation(st.getPath().toString())));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("listing partitions under " + root, e);
    }
  }

  /** ALTER TABLE … ADD IF NOT EXISTS PARTITION …: partitions already there keep their location. */
  public int addIfMissing(String table, List<Partition> partitions) {
    for (int i = 0; i < partitions.size(); i += PER_STATEMENT) {
      StringBuilder sql =
          new StringBuilder("ALTER TABLE " + database + "." + table + " ADD IF NOT EXISTS");
      for (Partition p : partitions.subList(i, Math.min(partitions.size(), i + PER_STATEMENT))) {
        sql.append(' ')
            .append(spec(p.spec()))
            .append(" LOCATION '")
            .append(p.location())
            .append('\'');
      }
      spark.sql(sql.toString());
    }
    return partitions.size();
  }

  /** Points one partition at another folder: readers through the catalog switch at once. */
  public void setLocation(String table, Map<String, String> spec, String location) {
    spark.sql(
        "ALTER TABLE "
            + database
            + "."
            + table
            + " "
            + spec(spec)
            + " SET LOCATION '"
            + catalogLocation(location)
            + "'");
  }

  /** The table's registered partitions with their locations, as the lake's s3a URIs. */
  public List<Partition> list(String table, List<String> columns) {
    List<Partition> out = new ArrayList<>();
    for (CatalogTablePartition p :
        JavaConverters.seqAsJavaList(
            spark
                .sharedState()
                .externalCatalog()
                .listPartitions(database, table, scala.Option.empty()))) {
      Map<String, String> raw = JavaConverters.mapAsJavaMap(p.spec());
      Map<String, String> spec = new LinkedHashMap<>();
      columns.forEach(c -> spec.put(c, raw.get(c)));
      out.add(new Partition(spec, lakeLocation(p.location().toString())));
    }
    return out;
  }

  /** s3a://… (how the jobs write) → the catalog's scheme. */
  public String catalogLocation(String location) {
    return location.replaceFirst("^s3[an]?://", lakeScheme + "://");
  }

  /** A catalog location → s3a://…, which the jobs' Hadoop file system reads. */
  public static String lakeLocation(String location) {
    return location.replaceFirst("^s3[an]?://", "s3a://");
  }

  private static String spec(Map<String, String> spec) {
    StringBuilder b = new StringBuilder("PARTITION (");
    spec.forEach(
        (k, v) ->
            b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ")
                .append(k)
                .append("='")
                .append(v)
                .append('\''));
    return b.append(')').toString();
  }
}
