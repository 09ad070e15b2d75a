package io.clickpulse.dev.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.dev.seed.Product;
import io.clickpulse.dev.seed.SeedConfig;
import io.clickpulse.dev.seed.SeedData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopperSimulationTest {
  static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
  static final List<Product> CATALOG =
      SeedData.generate(new SeedConfig(10, 50, 0, 7), START).products();

  static List<ClickEvent> take(long seed, int n) {
    ShopperSimulation sim =
        new ShopperSimulation(seed, CATALOG, 50, START, 20, Duration.ofSeconds(1));
    List<ClickEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(sim.next());
    }
    return out;
  }

  @Test
  void sameSeedSameEvents() {
    assertThat(take(1, 300)).isEqualTo(take(1, 300));
    assertThat(take(1, 300)).isNotEqualTo(take(2, 300));
  }

  @Test
  void eventsComeInEventTimeOrderWithUniqueIds() {
    List<ClickEvent> events = take(3, 2000);
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).timestamp()).isAfterOrEqualTo(events.get(i - 1).timestamp());
    }
    assertThat(events.stream().map(ClickEvent::clickId).distinct().count())
        .isEqualTo(events.size());
  }

  @Test
  void eachShopperWalksTheFunnelInOrder() {
    // per (user, device, ip) the sequence never goes back from cart/purchase to an earlier step
    // without a new search, and a purchase always follows an add-to-cart of the same product
    Map<String, ClickEvent> last = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (ClickEvent e : take(4, 5000)) {
      names.add(e.eventName());
      String shopper = e.userId() + "|" + e.deviceId() + "|" + e.userIp();
      ClickEvent prev = last.put(shopper, e);
      if (e.eventName().equals("Purchase")) {
        assertThat(prev).isNotNull();
        assertThat(prev.eventName()).isEqualTo("AddToCart");
        assertThat(prev.productId()).isEqualTo(e.productId());
      }
      if (e.eventName().equals("AddToCart")) {
        assertThat(prev.eventName()).isEqualTo("ViewContent");
        assertThat(prev.productId()).isEqualTo(e.productId());
      }
      assertThat(ShopperSimulation.DEVICES).contains(e.deviceId());
    }
    assertThat(names).containsExactlyInAnyOrder("Search", "ViewContent", "AddToCart", "Purchase");
  }

  @Test
  void jsonHasThePixelTrackerShape() throws Exception {
    ClickEvent e = take(5, 1).get(0);
    JsonNode json = new ObjectMapper().readTree(e.toJsonBytes());
    assertThat(json.fieldNames())
        .toIterable()
        .contains(
            "timestamp",
            "user_id",
            "pixel_id",
            "click_id",
            "insertion_timestamp",
            "event_name",
            "user_ip",
            "additional_data");
    assertThat(json.get("timestamp").asText())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    assertThat(json.get("additional_data").fieldNames())
        .toIterable()
        .contains("time_on_data", "percent_viewed", "product_id", "price");
    assertThat(json.get("additional_data").get("product_id").isIntegralNumber()).isTrue();
    assertThat(json.get("user_id").asText()).isEqualTo(e.userId());
  }
}
