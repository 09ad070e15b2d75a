package io.clickpulse.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import io.clickpulse.config.PricingHandlerConfig;
import org.junit.jupiter.api.Test;

/**
 * The Lambda handler reads its own keys from CLICKPULSE_ARGS (after --profile aws) and checks only
 * those.
 */
class PricingHandlerConfigTest {

  @Test
  void readsTheAwsProfileAndItsOwnKeys() {
    PricingHandlerConfig c =
        PricingHandler.config(" --aws.region eu-west-1 --pricing.ceiling 1.3 ");
    assertThat(c.aws().region()).isEqualTo("eu-west-1");
    assertThat(c.aws().staticCredentials()).isEmpty(); // profile aws: the function's role
    assertThat(c.productsTable()).isEqualTo("products");
    assertThat(c.priceHistoryTable()).isEqualTo("price_history");
    assertThat(c.pricing().rules(null).ceiling()).isEqualTo(1.3);
    assertThat(PricingHandler.config(null).pricing().maxAttempts()).isEqualTo(5);
  }

  @Test
  void anotherJobsBadValueDoesNotStopTheHandler() {
    String args = "--kinesis.shards 0 --athena.engine presto --batch.date someday";
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs(args.split(" ")))
        .isInstanceOf(ConfigException.class);
    assertThat(PricingHandler.config(args).pricing().maxAttempts()).isEqualTo(5);
  }

  @Test
  void itsOwnBadValuesAndUnknownKeysStillFailNamingTheKey() {
    assertThatThrownBy(() -> PricingHandler.config("--pricing.max-attempts 0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'pricing.max-attempts'")
        .hasMessageContaining("argument --pricing.max-attempts");
    assertThatThrownBy(() -> PricingHandler.config("--dynamodb.table.price-history x"))
        .hasMessageContaining("'dynamodb.table.price-history'");
    assertThatThrownBy(() -> PricingHandler.config("--aws.region mars"))
        .hasMessageContaining("'aws.region'");
    assertThatThrownBy(() -> PricingHandler.config("--pricing.celing 1.3"))
        .hasMessageContaining("unknown config key 'pricing.celing'");
  }
}
