package io.clickpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "localhost",
        "example.com",
        "999.1.1.1",
        "1.2.3",
        "1.2.3.4.5",
        "01.2.3.4",
        "1.2.3.4 x",
        "::g",
        "fe80::1%eth0",
        "not an ip",
        "1.2.3.-4"
      })
  void textThatIsNoAddressLiteralIsNotParsedAndNeverResolved(String text) {
    assertThat(IpAddresses.parse(text)).isEmpty();
  }

  @Test
  void literalsParse() {
    assertThat(IpAddresses.parse(" 81.2.69.142 ").map(InetAddress::getHostAddress))
        .contains("81.2.69.142");
    assertThat(IpAddresses.parse("2a02:908:1:1::1").map(InetAddress::getHostAddress))
        .contains("2a02:908:1:1:0:0:0:1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.1.1",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fd00::1",
        "fc00::5",
        "ff02::1"
      })
  void privateAndReservedAddressesAreNotPublic(String ip) {
    assertThat(IpAddresses.isPublic(IpAddresses.parse(ip).orElseThrow())).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "81.2.69.142",
        "8.8.8.8",
        "100.128.0.1",
        "2a02:908:1:1::1",
        "2001:4860:4860::8888"
      })
  void publicAddressesArePublic(String ip) {
    assertThat(IpAddresses.isPublic(IpAddresses.parse(ip).orElseThrow())).isTrue();
  }

  @Test
  void anonymizationZeroesTheLastOctetOrTheLast80Bits() {
    assertThat(IpAddresses.anonymize("203.0.113.77")).contains("203.0.113.0");
    assertThat(IpAddresses.anonymize("2001:db8:1:2:3:4:5:6")).contains("2001:db8:1:0:0:0:0:0");
    assertThat(IpAddresses.anonymize("2a02:908:1:1::1")).contains("2a02:908:1:0:0:0:0:0");
    assertThat(IpAddresses.anonymize("not an ip")).isEmpty();
    assertThat(IpAddresses.anonymize(null)).isEmpty();
  }
}
