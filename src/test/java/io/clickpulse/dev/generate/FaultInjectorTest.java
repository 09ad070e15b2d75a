package io.clickpulse.dev.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clickpulse.dev.generate.OutgoingRecord.Fault;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noSharesMeansCleanRecords() {
    FaultInjector f = new FaultInjector(1, 0, 0, 0, 0, Duration.ofHours(2), 999);
    for (ClickEvent e : ShopperSimulationTest.take(1, 200)) {
      List<OutgoingRecord> out = f.apply(e);
      assertThat(out).hasSize(1);
      assertThat(out.get(0).fault()).isEqualTo(Fault.NONE);
      assertThat(out.get(0).data()).isEqualTo(e.toJsonBytes());
      assertThat(out.get(0).partitionKey()).isEqualTo(e.userId());
    }
  }

  @Test
  void faultsComeInRoughlyTheConfiguredSharesAndAreWhatTheySay() throws Exception {
    FaultInjector f = new FaultInjector(9, 0.1, 0.1, 0.1, 0.1, Duration.ofHours(2), 999_999);
    Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
    List<ClickEvent> events = ShopperSimulationTest.take(2, 4000);
    for (ClickEvent e : events) {
      List<OutgoingRecord> out = f.apply(e);
      for (OutgoingRecord r : out) {
        counts.merge(r.fault(), 1, Integer::sum);
        switch (r.fault()) {
          case DUPLICATE -> assertThat(r.data()).isEqualTo(out.get(0).data());
          case LATE ->
              assertThat(r.event().timestamp()).isEqualTo(e.timestamp().minus(Duration.ofHours(2)));
          case UNKNOWN_PRODUCT ->
              assertThat(JSON.readTree(r.data()).at("/additional_data/product_id").asLong())
                  .isEqualTo(999_999);
          case MALFORMED_NOT_JSON ->
              assertThatThrownBy(() -> JSON.readTree(r.data())).isInstanceOf(Exception.class);
          case MALFORMED_NOT_UTF8 ->
              assertThatThrownBy(
                      () -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(r.data())))
                  .isInstanceOf(CharacterCodingException.class);
          case MALFORMED_MISSING_FIELD ->
              assertThat(JSON.readTree(r.data()).has("event_name")).isFalse();
          case MALFORMED_WRONG_TYPE ->
              assertThat(JSON.readTree(r.data()).at("/additional_data/percent_viewed").asText())
                  .isEqualTo("lots");
          case NONE -> assertThat(r.data()).isEqualTo(e.toJsonBytes());
        }
      }
    }
    int malformed =
        counts.entrySet().stream()
            .filter(x -> x.getKey().malformed())
            .mapToInt(Map.Entry::getValue)
            .sum();
    assertThat(malformed).isBetween(300, 500);
    assertThat(counts.get(Fault.DUPLICATE)).isBetween(300, 500);
    assertThat(counts.get(Fault.LATE)).isBetween(300, 500);
    assertThat(counts.get(Fault.UNKNOWN_PRODUCT)).isBetween(300, 500);
    // the four malformed kinds take turns
    List<Integer> kinds = new ArrayList<>();
    for (Fault k : Fault.values()) {
      if (k.malformed()) {
        kinds.add(counts.get(k));
      }
    }
    assertThat(kinds)
        .allSatisfy(n -> assertThat(n).isBetween(malformed / 4 - 1, malformed / 4 + 1));
  }
}
