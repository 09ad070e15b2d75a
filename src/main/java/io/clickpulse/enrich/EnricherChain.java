package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.col;

import io.clickpulse.event.DecodedSchema;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one way an event row is made: accepted decoded records, without the columns only a bad record
 * keeps, through every enricher in order. The streaming job and the batch re-runs apply the same
 * chain, so their events tables cannot differ (modelled on Hudi's ChainedTransformer).
 */
public final class EnricherChain implements Enricher {
  private static final String[] BAD_RECORD_ONLY = {
    "status", "reason", "reason_detail", "payload", "payload_base64", "payload_bytes"
  };

  private final List<Enricher> enrichers;

  public EnricherChain(List<Enricher> enrichers) {
    this.enrichers = List.copyOf(enrichers);
  }

  /**
   * No enricher: the events keep only their decoded columns (the bench's baseline, the replay
   * tests).
   */
  public static EnricherChain none() {
    return new EnricherChain(List.of());
  }

  /**
   * The rows of the events table from decoded records: the accepted ones, with the origin columns
   * the events table keeps (partition_key, sequence_number, arrival_time), enriched.
   */
  public Dataset<Row> eventsOf(Dataset<Row> decoded) {
    return apply(
        decoded.where(col("status").equalTo(DecodedSchema.STATUS_OK)).drop(BAD_RECORD_ONLY));
  }

  /** The same chain with only the enrichers of {@code type} (what one output reads). */
  public EnricherChain only(Class<? extends Enricher> type) {
    return new EnricherChain(enrichers.stream().filter(type::isInstance).toList());
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> events) {
    Dataset<Row> out = events;
    for (Enricher e : enrichers) {
      out = e.apply(out);
    }
    return out;
  }
}
