package io.clickpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PricingConfigTest {
  @Test
  void categoryRulesOverrideTheDefaultsKeyByKey() {
    PricingConfig p =
        ClickpulseConfig.fromArgs(
                "--pricing.ceiling",
                "1.4",
                "--pricing.category-rules",
                "electronics: ceiling=1.2 surge-step=0.02; books: ending=0.99 cooldown=1h")
            .pricing();
    assertThat(p.rules("toys").ceiling()).isEqualTo(1.4);
    assertThat(p.rules(null).ceiling()).isEqualTo(1.4);
    assertThat(p.rules("electronics").ceiling()).isEqualTo(1.2);
    assertThat(p.rules("electronics").surgeStep()).isEqualTo(0.02);
    assertThat(p.rules("electronics").floor()).isEqualTo(0.8);
    assertThat(p.rules("books").ending()).isEqualByComparingTo(new BigDecimal("0.99"));
    assertThat(p.rules("books").cooldown()).isEqualTo(Duration.ofHours(1));
    assertThat(p.rules("books").ceiling()).isEqualTo(1.4);
  }

  @Test
  void badRulesNameWhatIsWrong() {
    assertThatThrownBy(
            () -> ClickpulseConfig.fromArgs("--pricing.category-rules", "electronics ceiling=1.2"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pricing.category-rules");
    assertThatThrownBy(
            () -> ClickpulseConfig.fromArgs("--pricing.category-rules", "books: colour=red"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("colour=red");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--pricing.floor", "1.2"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("floor <= 1");
    assertThatThrownBy(() -> ClickpulseConfig.fromArgs("--pricing.surge-at", "lots"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a number");
  }
}
