package io.clickpulse.dev.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** generate.producers and the producers' shares: parsed at start, bad values named. */
class GeneratorConfigTest {
  private static Map<Producer, Double> shares(String... args) {
    return GeneratorConfig.from(ClickpulseConfig.fromArgs(args).settings()).producerShares();
  }

  @Test
  void theDefaultIsEveryProducerSixtyTwentyFiveFifteen() {
    assertThat(shares())
        .containsExactly(
            entry(Producer.PIXEL, 0.60), entry(Producer.APP, 0.25), entry(Producer.UI, 0.15));
  }

  @Test
  void theListedProducersShareTheEventsInProportion() {
    assertThat(shares("--generate.producers", "ui")).containsExactly(entry(Producer.UI, 1.0));
    Map<Producer, Double> two = shares("--generate.producers", " UI , app");
    assertThat(two).containsOnlyKeys(Producer.APP, Producer.UI);
    assertThat(two.get(Producer.APP)).isCloseTo(0.625, within(1e-9));
    assertThat(two.get(Producer.UI)).isCloseTo(0.375, within(1e-9));
    assertThat(
            shares(
                "--generate.producers",
                "pixel,app",
                "--generate.pixel-share",
                "0.5",
                "--generate.app-share",
                "0.5",
                "--generate.ui-share",
                "0"))
        .containsExactly(entry(Producer.PIXEL, 0.5), entry(Producer.APP, 0.5));
  }

  @Test
  void anUnknownProducerIsAClearError() {
    assertThatThrownBy(() -> shares("--generate.producers", "pixel,web"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config key 'generate.producers' (from argument --generate.producers): expected a"
                + " comma-separated list of pixel, app, ui ('web' is none of them), got"
                + " 'pixel,web'");
  }

  @Test
  void anEmptyOrRepeatingListIsAClearError() {
    assertThatThrownBy(() -> shares("--generate.producers", " , "))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'generate.producers'")
        .hasMessageContaining("a comma-separated list of pixel, app, ui");
    assertThatThrownBy(() -> shares("--generate.producers", "app,ui,app"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'generate.producers'")
        .hasMessageContaining("each at most once")
        .hasMessageContaining("'app,ui,app'");
  }

  @Test
  void aBadShareIsAClearError() {
    assertThatThrownBy(() -> shares("--generate.app-share", "1.5"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config key 'generate.app-share' (from argument --generate.app-share): expected a"
                + " share between 0 and 1, got '1.5'");
    assertThatThrownBy(() -> shares("--generate.ui-share", "lots"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'generate.ui-share'")
        .hasMessageContaining("'lots'");
    assertThatThrownBy(() -> shares("--generate.pixel-share", "0"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config key 'generate.pixel-share' (from argument --generate.pixel-share) is 0, but"
                + " 'generate.producers' lists pixel: give it a share above 0 or leave it out of"
                + " the list");
  }

  @Test
  void anUnlistedProducersShareIsNotRead() {
    // a share of 0 for a producer that is not listed is no contradiction
    assertThat(shares("--generate.producers", "pixel", "--generate.app-share", "0"))
        .containsExactly(entry(Producer.PIXEL, 1.0));
  }
}
