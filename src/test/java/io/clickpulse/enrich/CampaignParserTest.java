package io.clickpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignParserTest {
  private final CampaignParser parser = new CampaignParser(List.of("checkout.example.com"));

  @Test
  void utmParametersAreDecodedAndKept() {
    Campaign c =
        parser.parse(
            "https://shop.example.com/p/7?utm_source=google&utm_medium=cpc&utm_campaign=spring_sale"
                + "&utm_term=running%20shoes&utm_content=ad+1&gclid=abc#reviews",
            "https://www.google.com/");
    assertThat(c)
        .isEqualTo(
            new Campaign(
                "google",
                "cpc",
                "spring_sale",
                "running shoes",
                "ad 1",
                "www.google.com",
                "Paid Search"));
  }

  @Test
  void aUrlWithoutCampaignAndNoReferrerIsDirect() {
    assertThat(parser.parse("https://shop.example.com/p/7", null))
        .isEqualTo(new Campaign(null, null, null, null, null, null, "Direct"));
  }

  @Test
  void parameterNamesAreCaseInsensitiveAndTheFirstValueWins() {
    Campaign c =
        parser.parse(
            "https://shop.example.com/?UTM_Source=Newsletter&utm_source=other&utm_medium=Email",
            null);
    assertThat(c.utmSource()).isEqualTo("Newsletter");
    assertThat(c.channelGroup()).isEqualTo("Email");
  }

  @ParameterizedTest(name = "{0} | {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      https://shop.example.com/?utm_source=newsletter&utm_medium=email | - | Email
      https://shop.example.com/?utm_source=newsletter | - | Email
      https://shop.example.com/?utm_source=facebook&utm_medium=social | https://l.facebook.com/ | Social
      https://shop.example.com/?utm_source=facebook&utm_medium=cpc | - | Social
      https://shop.example.com/p/1 | https://t.co/x1y2z3 | Social
      https://shop.example.com/p/1 | https://m.youtube.com/watch?v=1 | Social
      https://shop.example.com/?utm_source=google&utm_medium=cpc | https://www.google.com/ | Paid Search
      https://shop.example.com/?gclid=Cj0KCQ | https://www.google.com/ | Paid Search
      https://shop.example.com/?msclkid | - | Paid Search
      https://shop.example.com/p/1 | https://www.google.co.uk/ | Organic Search
      https://shop.example.com/p/1 | https://duckduckgo.com/ | Organic Search
      https://shop.example.com/?utm_medium=organic | - | Organic Search
      https://shop.example.com/p/1 | https://blog.example.org/best-gadgets | Referral
      https://shop.example.com/?utm_medium=referral | - | Referral
      https://shop.example.com/p/1 | https://www.shop.example.com/search | Direct
      https://shop.example.com/p/1 | https://checkout.example.com/cart | Direct
      https://shop.example.com/?utm_source=partner&utm_medium=affiliate | - | Other
      - | - | Direct
      """)
  void channelGroupsFollowTheDocumentedRules(String url, String referrer, String channel) {
    assertThat(parser.parse(url, referrer).channelGroup()).isEqualTo(channel);
  }

  @Test
  void malformedUrlsAndReferrersNeverThrow() {
    Campaign badEscape =
        parser.parse("https://shop.example.com/p/1?utm_source=%E0%A4%A&utm_medium=email", "::::");
    assertThat(badEscape.utmSource()).isEqualTo("%E0%A4%A");
    assertThat(badEscape.channelGroup()).isEqualTo("Email");
    assertThat(badEscape.referrerHost()).isNull();
    Campaign spaces = parser.parse("not a url ?utm_source=x y&&=&utm_medium", "http://");
    assertThat(spaces.utmSource()).isEqualTo("x y");
    assertThat(spaces.utmMedium()).isNull();
    assertThat(spaces.channelGroup()).isEqualTo("Other");
    assertThat(parser.parse("?", "https://[::1]:8080/x").referrerHost()).isEqualTo("[::1]");
    assertThat(
            parser
                .parse("https://shop.example.com/?utm_campaign=" + "x".repeat(10_000), null)
                .utmCampaign())
        .hasSize(256);
  }

  @Test
  void referrerHostIsLowerCasedWithoutCredentialsOrPort() {
    assertThat(
            parser
                .parse("https://shop.example.com/", "HTTPS://user:pw@Blog.Example.ORG:8443/a?b")
                .referrerHost())
        .isEqualTo("blog.example.org");
  }
}
