package io.clickpulse.enrich;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One enrichment step on accepted events: adds columns, never removes rows. The streaming job and
 * the batch jobs run the same list, in order (catalog first; geo IP, user agent, campaign and user
 * profile enrichers plug in here). An enricher must not fail a batch on bad input: a value it
 * cannot resolve becomes null.
 */
public interface Enricher {
  Dataset<Row> apply(Dataset<Row> events);
}
