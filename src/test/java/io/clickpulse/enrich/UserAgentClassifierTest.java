package io.clickpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserAgentClassifierTest {
  private static UserAgentClassifier classifier;

  @BeforeAll
  static void load() {
    classifier = UserAgentClassifier.shared(1000);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1 | Safari | 17 | iOS | 17 | Phone | false
      Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 | Chrome | 124 | Android | 14 | Phone | false
      Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 | Chrome | 124 | Windows NT | - | Desktop | false
      Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51 | Edge | 124 | Windows NT | >=10 | Desktop | false
      Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15 | Safari | 17 | Mac OS | 14 | Desktop | false
      Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0 | Firefox | 125 | Linux | - | Desktop | false
      Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1 | Safari | 17 | iOS | 17 | Tablet | false
      Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 | Chrome | 124 | Android | 13 | Tablet | false
      Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | Googlebot | 2 | - | - | Robot | true
      Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) | Bingbot | 2 | - | - | Robot | true
      Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/) | AhrefsBot | 7 | - | - | Robot | true
      curl/8.5.0 | Curl | 8 | - | - | Robot | true
      python-requests/2.31.0 | Python-Requests | 2 | - | - | Robot | true
      facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php) | Facebookexternalhit | 1 | - | - | Robot | true
      """)
  void realUserAgentsAreClassified(
      String ua,
      String browser,
      String version,
      String os,
      String osVersion,
      String device,
      boolean bot) {
    UserAgentInfo info = classifier.classify(ua);
    assertThat(info.browser()).isEqualTo(browser);
    assertThat(info.browserVersion()).isEqualTo(version);
    assertThat(info.deviceClass()).isEqualTo(device);
    assertThat(info.bot()).isEqualTo(bot);
    if (!bot) {
      assertThat(info.os()).isEqualTo(os);
      assertThat(info.osVersion()).isEqualTo(osVersion);
    }
  }

  @Test
  void missingAndBlankAgentsAreUnknownNotErrors() {
    assertThat(classifier.classify(null)).isEqualTo(UserAgentInfo.UNKNOWN);
    assertThat(classifier.classify("   ")).isEqualTo(UserAgentInfo.UNKNOWN);
  }

  @Test
  void garbageAndHugeAgentsAreClassifiedWithoutFailing() {
    UserAgentInfo garbage = classifier.classify("((( \u0000 ;;; )))");
    assertThat(garbage.browser()).isNull();
    UserAgentInfo huge = classifier.classify("Mozilla/5.0 " + "x".repeat(100_000));
    assertThat(huge).isNotNull();
  }
}
