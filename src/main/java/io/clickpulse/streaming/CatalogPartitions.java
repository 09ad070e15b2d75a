package io.clickpulse.streaming;

import io.clickpulse.batch.PartitionRegistry;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.sink.LakeDataset;
import io.clickpulse.sink.LakeLayout;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the partitions the streaming job's micro-batches write in the catalog (the Glue Data
 * Catalog through the job's {@code --enable-glue-datacatalog}, locally the Hive metastore), so that
 * Athena's tables and views see a new hour as soon as the batch that opened it is done, not at the
 * next catalog job run (README: Batch jobs, the catalog and Athena).
 *
 * <p>Once per partition and job run: a partition registered by this run is not asked for again, so
 * a batch writing into known partitions makes no catalog call. The statement is PartitionRegistry's
 * {@code ALTER TABLE … ADD IF NOT EXISTS PARTITION}, as the catalog job's: a replayed batch, a
 * restart or a partition the catalog job registered first leaves the partition as it is, also the
 * location a compaction or a re-run pointed it at. A catalog error never fails a batch: one WARN
 * line per table, and the partitions wait for a later batch (tried again at most once a {@link
 * #RETRY_AFTER}); the catalog job registers whatever is left.
 *
 * <p>Only the datasets of the catalog written at their lake location are registered: the benchmark
 * and tests that write elsewhere register nothing. Without a persistent catalog (no {@code
 * catalog.metastore-uri} locally, no {@code --enable-glue-datacatalog} on Glue) it does nothing.
 */
public final class CatalogPartitions implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CatalogPartitions.class);

  /** How long after a failed registration the next is tried. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  /**
   * Partitions remembered per table (about a year of hours); one forgotten is only asked for again.
   */
  static final int REMEMBERED = 10_000;

  /** Adds partitions (locations as the jobs write them, s3a://…) to a table if missing. */
  @FunctionalInterface
  interface Catalog extends Serializable {
    void addIfMissing(SparkSession spark, String table, List<PartitionRegistry.Partition> parts);
  }

  private final String database;
  private final Map<LakeDataset, String> roots;
  private final Catalog catalog;
  private final Clock clock;
  private final Map<LakeDataset, Set<String>> registered = new LinkedHashMap<>();
  private final Map<LakeDataset, Set<String>> pending = new LinkedHashMap<>();
  private final Map<LakeDataset, Instant> retryAt = new LinkedHashMap<>();

  CatalogPartitions(String database, Map<LakeDataset, String> roots, Catalog catalog, Clock clock) {
    this.database = database;
    this.roots = Map.copyOf(roots);
    this.catalog = catalog;
    this.clock = clock;
  }

  /** PartitionRegistry's ALTER TABLE … ADD IF NOT EXISTS PARTITION, the catalog job's statement. */
  static Catalog sparkCatalog(String database, String locationScheme) {
    return (spark, table, parts) -> {
      PartitionRegistry registry = new PartitionRegistry(spark, database, locationScheme);
      registry.addIfMissing(
          table,
          parts.stream()
              .map(
                  p ->
                      new PartitionRegistry.Partition(
                          p.spec(), registry.catalogLocation(p.location())))
              .toList());
    };
  }

  /** The job's registration: every dataset of the catalog at its lake location, if there is one. */
  public static CatalogPartitions of(SparkSession spark, ClickpulseConfig config) {
    if (!PartitionRegistry.available(spark)) {
      return none();
    }
    Map<LakeDataset, String> roots = new LinkedHashMap<>();
    LakeDataset.inCatalog().forEach(d -> roots.put(d, d.uri(config.lake())));
    LOG.info(
        "catalog: the batches register the partitions they open in database {}",
        config.batch().database());
    String database = config.batch().database();
    return new CatalogPartitions(
        database,
        roots,
        sparkCatalog(database, config.batch().locationScheme()),
        Clock.systemUTC());
  }

  /** Registers nothing. */
  public static CatalogPartitions none() {
    return new CatalogPartitions("", Map.of(), (spark, table, parts) -> {}, Clock.systemUTC());
  }

  /**
   * After a batch wrote these files (only outputs that did write: a partition registered without
   * files would be an empty folder): registers the partitions no earlier batch of this run did.
   */
  synchronized void register(SparkSession spark, BatchFiles written) {
    if (roots.isEmpty()) {
      return;
    }
    written
        .sinks()
        .forEach(
            (folder, sink) -> {
              LakeDataset d = datasetAt(folder);
              if (d == null || !sink.root().equals(roots.get(d))) {
                return;
              }
              Set<String> known = registered.getOrDefault(d, Set.of());
              for (String p : written.folders().getOrDefault(folder, List.of())) {
                if (!known.contains(p)) {
                  pending.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(p);
                }
              }
            });
    Instant now = clock.instant();
    for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      LakeDataset d = e.getKey();
      if (now.isBefore(retryAt.getOrDefault(d, Instant.MIN))) {
        continue;
      }
      List<PartitionRegistry.Partition> partitions = new ArrayList<>();
      for (String folder : e.getValue()) {
        partitions.add(
            new PartitionRegistry.Partition(LakeLayout.spec(folder), roots.get(d) + "/" + folder));
      }
      try {
        catalog.addIfMissing(spark, d.table(), partitions);
        remembered(d).addAll(e.getValue());
        retryAt.remove(d);
        it.remove();
        LOG.info(
            "catalog: registered {} partition(s) of {}.{}: {}",
            partitions.size(),
            database,
            d.table(),
            e.getValue());
      } catch (Exception ex) { // also Spark's AnalysisException, checked in Scala, thrown unchecked
        retryAt.put(d, now.plus(RETRY_AFTER));
        LOG.warn(
            "catalog: could not register {} partition(s) of {}.{} ({}), the batch goes on;"
                + " tried again with a batch after {} (the catalog job also registers them): {}",
            partitions.size(),
            database,
            d.table(),
            e.getValue(),
            retryAt.get(d),
            ex.toString());
      }
    }
  }

  /** The partitions this run registered, by table (tests). */
  synchronized Map<String, Set<String>> registered() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    registered.forEach((d, s) -> out.put(d.table(), Set.copyOf(s)));
    return out;
  }

  private Set<String> remembered(LakeDataset d) {
    return registered.computeIfAbsent(
        d,
        k ->
            Collections.newSetFromMap(
                new LinkedHashMap<>() {
                  private static final long serialVersionUID = 1L;

                  @Override
                  protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                  }
                }));
  }

  private LakeDataset datasetAt(String folder) {
    for (LakeDataset d : roots.keySet()) {
      if (d.folder().equals(folder)) {
        return d;
      }
    }
    return null;
  }
}
