package io.clickpulse.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.batch.PartitionRegistry;
import io.clickpulse.sink.LakeDataset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The streaming job's partition registration without a catalog: which partitions it asks for, once
 * each, and how a catalog failure leaves the batch alone and is tried again.
 */
class CatalogPartitionsTest {
  static final String LAKE = "s3a://lake";
  // 2026-11-21T10:00Z and the hour after, in hours since the epoch
  static final long H10 = Instant.parse("2026-11-21T10:00:00Z").getEpochSecond() / 3600;
  static final long H11 = H10 + 1;

  /** What the catalog was asked: table → partition folder → location. */
  final List<Map<String, Object>> calls = new ArrayList<>();

  boolean failing;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T11:05:00Z"));

  CatalogPartitions registration() {
    Map<LakeDataset, String> roots = new LinkedHashMap<>();
    LakeDataset.inCatalog().forEach(d -> roots.put(d, LAKE + "/" + d.folder()));
    return new CatalogPartitions(
        "clickpulse",
        roots,
        (spark, table, parts) -> {
          if (failing) {
            throw new IllegalStateException("metastore unreachable");
          }
          Map<String, Object> call = new LinkedHashMap<>();
          call.put("table", table);
          for (PartitionRegistry.Partition p : parts) {
            call.put(p.path(), p.location());
          }
          calls.add(call);
        },
        clock);
  }

  static BatchFiles events(long... hours) {
    List<Long> h = new ArrayList<>();
    for (long x : hours) {
      h.add(x);
    }
    return BatchFiles.none().with(LakeDataset.EVENTS, LakeDataset.EVENTS.sink(LAKE + "/events"), h);
  }

  @Test
  void eachNewPartitionIsRegisteredOnceAtItsLakeLocation() {
    CatalogPartitions c = registration();
    c.register(null, events(H10));
    c.register(null, events(H10)); // the same hour again, as a replay of the batch would: no call
    c.register(null, events(H10, H11));
    assertThat(calls)
        .containsExactly(
            Map.of(
                "table",
                "events",
                "year=2026/month=11/day=21/hour=10",
                "s3a://lake/events/year=2026/month=11/day=21/hour=10"),
            Map.of(
                "table",
                "events",
                "year=2026/month=11/day=21/hour=11",
                "s3a://lake/events/year=2026/month=11/day=21/hour=11"));
    assertThat(c.registered())
        .containsExactly(
            Map.entry(
                "events",
                Set.of("year=2026/month=11/day=21/hour=10", "year=2026/month=11/day=21/hour=11")));
  }

  @Test
  void dailyTablesGetTheirDayAndEveryTableItsOwnCall() {
    CatalogPartitions c = registration();
    c.register(
        null,
        BatchFiles.none()
            .with(LakeDataset.RAW, LakeDataset.RAW.sink(LAKE + "/raw"), List.of(H10, H11))
            .with(
                LakeDataset.BAD_RECORDS,
                LakeDataset.BAD_RECORDS.sink(LAKE + "/bad_records"),
                List.of(H10, H11)));
    assertThat(calls)
        .containsExactly(
            Map.of(
                "table",
                "raw_events",
                "year=2026/month=11/day=21/hour=10",
                "s3a://lake/raw/year=2026/month=11/day=21/hour=10",
                "year=2026/month=11/day=21/hour=11",
                "s3a://lake/raw/year=2026/month=11/day=21/hour=11"),
            Map.of(
                "table",
                "bad_records",
                "year=2026/month=11/day=21",
                "s3a://lake/bad_records/year=2026/month=11/day=21"));
  }

  @Test
  void outputsWithoutATableOrOutsideTheLakeAreLeftAlone() {
    CatalogPartitions c = registration();
    c.register(
        null,
        BatchFiles.none()
            .with(
                LakeDataset.HIGH_INTENT,
                LakeDataset.HIGH_INTENT.sink(LAKE + "/high_intent"),
                List.of(H10))
            .with(LakeDataset.EVENTS, LakeDataset.EVENTS.sink("/tmp/bench/events"), List.of(H10)));
    CatalogPartitions.none().register(null, events(H10));
    assertThat(calls).isEmpty();
  }

  @Test
  void aCatalogFailureNeverFailsTheBatchAndIsTriedAgainAMinuteLater() {
    CatalogPartitions c = registration();
    failing = true;
    c.register(null, events(H10)); // logged, not thrown
    failing = false;
    clock.advance(Duration.ofSeconds(30));
    c.register(null, events(H10)); // within the minute: not asked again
    assertThat(calls).isEmpty();
    clock.advance(CatalogPartitions.RETRY_AFTER);
    c.register(null, events(H11)); // the waiting hour goes with the next batch's new one
    assertThat(calls)
        .containsExactly(
            Map.of(
                "table",
                "events",
                "year=2026/month=11/day=21/hour=10",
                "s3a://lake/events/year=2026/month=11/day=21/hour=10",
                "year=2026/month=11/day=21/hour=11",
                "s3a://lake/events/year=2026/month=11/day=21/hour=11"));
    c.register(null, events(H10, H11));
    assertThat(calls).hasSize(1);
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
