package io.clickpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** user_ip masked in stored payloads as the enricher masks the column; every other byte kept. */
class PayloadPrivacyTest {
  @Test
  void onlyTheAddressTextChanges() {
    assertThat(
            PayloadPrivacy.maskUserIp(
                "{\"user_id\":\"20\",\"user_ip\":\"203.0.113.77\",\"page_url\":\"https://x/?ip=1\"}"))
        .isEqualTo(
            "{\"user_id\":\"20\",\"user_ip\":\"203.0.113.0\",\"page_url\":\"https://x/?ip=1\"}");
    assertThat(
            PayloadPrivacy.maskUserIp(
                "{\n  \"user_ip\" :\r\n \"2001:db8:1:2:3:4:5:6\",\n  \"n\": 1\n}"))
        .isEqualTo("{\n  \"user_ip\" :\r\n \"2001:db8:1:0:0:0:0:0\",\n  \"n\": 1\n}");
  }

  @Test
  void escapedNonAddressAndCutShortValuesAreMaskedToo() {
    // \u0037 is '7': the decoder would have read 203.0.113.77
    assertThat(PayloadPrivacy.maskUserIp("{\"user_ip\":\"203.0.113.\\u0037\\u0037\"}"))
        .isEqualTo("{\"user_ip\":\"203.0.113.0\"}");
    // the key itself escaped: Jackson, and so the decoder, reads it as user_ip
    assertThat(
            PayloadPrivacy.maskUserIp(
                "{\"note\":\"a \\\"quote\",\"user\\u005fip\" : \"203.0.113.77\"}"))
        .isEqualTo("{\"note\":\"a \\\"quote\",\"user\\u005fip\" : \"203.0.113.0\"}");
    // no address: blanked, as the enricher drops it
    assertThat(PayloadPrivacy.maskUserIp("{\"user_ip\":\"host-203-0-113-77.isp.example\"}"))
        .isEqualTo("{\"user_ip\":\"\"}");
    assertThat(PayloadPrivacy.maskUserIp("{\"a\":1,\"user_ip\":\"203.0.11"))
        .isEqualTo("{\"a\":1,\"user_ip\":\"");
    assertThat(
            PayloadPrivacy.maskUserIp(
                "[{\"user_ip\":\"198.51.100.9\"},{\"user_ip\":\"198.51.100.10\"}]"))
        .isEqualTo("[{\"user_ip\":\"198.51.100.0\"},{\"user_ip\":\"198.51.100.0\"}]");
  }

  @Test
  void textWithoutAnAddressFieldAndMaskedTextStayAsTheyAre() {
    String none = "{\"user_ipx\":\"203.0.113.77\",\"note\":\"user_ip\",\"user_ip\":12}";
    assertThat(PayloadPrivacy.maskUserIp(none)).isSameAs(none);
    String masked = PayloadPrivacy.maskUserIp("{\"user_ip\":\"203.0.113.77\"}");
    assertThat(PayloadPrivacy.maskUserIp(masked)).isEqualTo(masked);
    assertThat(PayloadPrivacy.maskUserIp(null)).isNull();
  }

  @Test
  void bytesThatAreNotUtf8AreMaskedByteForByte() {
    byte[] bytes =
        "{\"user_ip\":\"203.0.113.77\",\"x\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    String masked = PayloadPrivacy.maskUserIpBase64(Base64.getEncoder().encodeToString(bytes));
    assertThat(Base64.getDecoder().decode(masked))
        .isEqualTo(
            "{\"user_ip\":\"203.0.113.0\",\"x\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1));
    String untouched = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 1, 2});
    assertThat(PayloadPrivacy.maskUserIpBase64(untouched)).isSameAs(untouched);
  }
}
