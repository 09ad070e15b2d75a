package io.clickpulse.enrich;

import static io.clickpulse.enrich.EnrichedColumns.USER_NAME;
import static io.clickpulse.enrich.EnrichedColumns.USER_SEGMENT;
import static io.clickpulse.event.EventColumns.USER_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.lit;

import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Adds user_name and user_segment from the DynamoDB users table (a broadcast join on user_id, no
 * per-record call). Unknown and anonymous users keep their rows with nulls.
 */
public final class UserProfileEnricher implements Enricher {
  private final Supplier<Dataset<Row>> users;

  /** users: user_id, user_name, user_segment (null = enricher off). */
  public UserProfileEnricher(Supplier<Dataset<Row>> users) {
    this.users = users;
  }

  @Override
  public Dataset<Row> apply(Dataset<Row> events) {
    if (users == null) {
      return events
          .withColumn(USER_NAME, lit(null).cast("string"))
          .withColumn(USER_SEGMENT, lit(null).cast("string"));
    }
    return enrich(events, users.get());
  }

  /** The join itself, on a given users table (tests pass a small in-memory one). */
  public static Dataset<Row> enrich(Dataset<Row> events, Dataset<Row> users) {
    Dataset<Row> u = users.withColumnRenamed(USER_ID, "profile_user_id");
    return events
        .join(broadcast(u), events.col(USER_ID).equalTo(u.col("profile_user_id")), "left")
        .drop("profile_user_id");
  }
}
