package io.clickpulse.dev.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshnessTest {
  @Test
  void weightedPercentilesOverBatches(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("b.jsonl");
    // batch 1: 100 records arriving 0..1000 ms, done at 2000 → latencies 1950 … 1050
    // batch 2: 300 records arriving all at 5000 ms, done at 5500 → latency 500
    Files.write(
        log,
        List.of(
            "{\"batch_id\":0,\"records\":{\"ok\":100},\"completed_ms\":2000,\"arrival_deciles_ms\":[0,100,200,300,400,500,600,700,800,900,1000]}",
            "{\"batch_id\":1,\"records\":{\"ok\":290,\"bad:not_json\":10},\"completed_ms\":5500,\"arrival_deciles_ms\":[5000,5000,5000,5000,5000,5000,5000,5000,5000,5000,5000]}",
            "{\"batch_id\":2,\"records\":{},\"completed_ms\":6000,\"arrival_deciles_ms\":[]}"));
    List<Freshness.Sample> s = Freshness.samples(log, "completed_ms");
    assertThat(Freshness.samples(log, "demand_visible_ms")).isEmpty();
    assertThat(s).hasSize(20);
    assertThat(Freshness.percentile(s, 0.5)).isEqualTo(500.0); // 300 of 400 records at 500 ms
    assertThat(Freshness.percentile(s, 0.75)).isEqualTo(500.0);
    assertThat(Freshness.percentile(s, 0.95)).isEqualTo(1750.0); // top 5 % = 20 records of batch 1
    assertThat(Freshness.percentile(s, 1.0)).isEqualTo(1950.0);
  }
}
