package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The chain on decoded records: accepted rows only, without the bad-record columns, every enricher
 * in order.
 */
class EnricherChainTest {

  @Test
  void eventsOfKeepsAcceptedRowsAndAppliesEveryEnricherInOrder() {
    var decoded =
        EnrichersTest.decoded(
            SparkTestSession.get(),
            List.of(EnrichersTest.pixel("c1", "1", null, null, null, null), "not json"));
    Enricher first = events -> events.withColumn("step", lit("first"));
    Enricher second = events -> events.withColumn("step", concat(col("step"), lit(" then second")));

    List<Row> rows = new EnricherChain(List.of(first, second)).eventsOf(decoded).collectAsList();

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).<String>getAs("event_id")).isEqualTo("c1");
    assertThat(rows.get(0).<String>getAs("step")).isEqualTo("first then second");
    assertThat(rows.get(0).schema().fieldNames())
        .doesNotContain(
            "status", "reason", "reason_detail", "payload", "payload_base64", "payload_bytes")
        .contains("partition_key", "sequence_number", "arrival_time");
  }

  @Test
  void noEnricherLeavesTheAcceptedRowsAsDecoded() {
    var decoded =
        EnrichersTest.decoded(
            SparkTestSession.get(),
            List.of(EnrichersTest.pixel("c2", "1", null, null, null, null)));
    var events = EnricherChain.none().eventsOf(decoded);
    assertThat(events.count()).isEqualTo(1);
    assertThat(events.columns()).hasSize(decoded.columns().length - 6);
  }
}
