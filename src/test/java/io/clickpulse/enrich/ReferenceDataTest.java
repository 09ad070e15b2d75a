package io.clickpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.SparkTestSession;
import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.TestStack;
import io.clickpulse.dev.seed.SeedData;
import io.clickpulse.runtime.SparkSessions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * spark-dynamodb reads of the real tables; a changed price shows up after the refresh interval, not
 * before.
 */
class ReferenceDataTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.now();

    @Override
    public ZoneOffset getZone() {
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

  @Test
  void readsCatalogWithExactPricesAndPicksUpNewPricesOnRefresh() {
    ClickpulseConfig c = TestStack.config("--streaming.reference-refresh", "5min");
    new Bootstrap(c, s -> {}).run();
    var spark = SparkTestSession.get();
    SparkSessions.configure(spark, c);
    ManualClock clock = new ManualClock();
    ReferenceData reference =
        new ReferenceData(spark, c.aws(), c.tables(), c.streaming().referenceRefresh(), clock);
    long id = SeedData.FIRST_PRODUCT_ID;

    Row before = reference.products().where("product_id = " + id).first();
    assertThat(reference.products().count()).isEqualTo(12);
    assertThat(before.<BigDecimal>getAs("current_price"))
        .isEqualByComparingTo(before.<BigDecimal>getAs("base_price"));
    assertThat(reference.unitsSold24h().count()).isPositive();

    try (DynamoDbClient dynamo = new AwsClients(c.aws()).dynamoDb()) {
      dynamo.updateItem(
          b ->
              b.tableName(c.tables().products())
                  .key(Map.of("product_id", AttributeValue.fromN(String.valueOf(id))))
                  .updateExpression("SET price = :p")
                  .expressionAttributeValues(Map.of(":p", AttributeValue.fromN("12.5"))));
    }
    clock.now = clock.now.plus(Duration.ofMinutes(4));
    assertThat(
            reference
                .products()
                .where("product_id = " + id)
                .first()
                .<BigDecimal>getAs("current_price"))
        .isEqualByComparingTo(before.<BigDecimal>getAs("current_price"));
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    // 12.5 stays 12.50: the explicit schema keeps the decimals that inference would drop
    assertThat(
            reference
                .products()
                .where("product_id = " + id)
                .first()
                .<BigDecimal>getAs("current_price"))
        .isEqualByComparingTo("12.50");
  }
}
