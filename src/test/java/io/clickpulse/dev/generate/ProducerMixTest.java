package io.clickpulse.dev.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.generate.OutgoingRecord.Fault;
import io.clickpulse.enrich.UserAgentClassifier;
import io.clickpulse.event.BadReason;
import io.clickpulse.event.DecodeResult;
import io.clickpulse.event.DecodedSchema;
import io.clickpulse.event.EventColumns;
import io.clickpulse.event.EventDecoder;
import io.clickpulse.event.EventName;
import io.clickpulse.event.RecordDecoding;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Every producer's records, decoded by the streaming job's own decoder: what each one fills, the
 * mix's shares, order and determinism, and the faults in each shape.
 */
class ProducerMixTest {
  private static final EventDecoder DECODER =
      EventDecoder.from(ClickpulseConfig.fromArgs().streaming());
  private static final Map<Producer, Double> ALL =
      Map.of(Producer.PIXEL, 0.60, Producer.APP, 0.25, Producer.UI, 0.15);

  static List<SimulatedEvent> take(Map<Producer, Double> shares, long seed, int n) {
    ProducerMix mix =
        new ProducerMix(
            new EnumMap<>(shares),
            seed,
            ShopperSimulationTest.CATALOG,
            50,
            ShopperSimulationTest.START,
            100,
            Duration.ofSeconds(1));
    List<SimulatedEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(mix.next());
    }
    return out;
  }

  private static Row decoded(byte[] data, SimulatedEvent e) {
    return RecordDecoding.toRow(DECODER, data, e.partitionKey(), "1", e.timestamp().plusSeconds(1));
  }

  private static Object column(Row r, String name) {
    return r.get(DecodedSchema.index(name));
  }

  @Test
  void eachProducersRecordsDecodeToTheEventItDescribes() {
    Map<Producer, Integer> seen = new EnumMap<>(Producer.class);
    for (SimulatedEvent e : take(ALL, 1, 3000)) {
      Row r = decoded(e.toJsonBytes(), e);
      assertThat(column(r, EventColumns.STATUS))
          .as(String.valueOf(column(r, EventColumns.REASON_DETAIL)))
          .isEqualTo(DecodedSchema.STATUS_OK);
      assertThat(column(r, EventColumns.SOURCE_SHAPE)).isEqualTo(ProducerMix.shape(e.producer()));
      assertThat(column(r, EventColumns.EVENT_ID)).isEqualTo(e.eventId());
      assertThat(column(r, EventColumns.EVENT_NAME)).isEqualTo(e.eventName());
      assertThat(column(r, EventColumns.EVENT_TIME)).isEqualTo(Timestamp.from(e.timestamp()));
      assertThat(column(r, EventColumns.USER_ID)).isEqualTo(e.userId());
      assertThat(column(r, EventColumns.PRODUCT_ID)).isEqualTo(e.productId());
      assertThat(column(r, EventColumns.USER_IP)).isNotNull();
      assertThat(column(r, EventColumns.USER_AGENT)).isNotNull();
      if (e instanceof ClickEvent c) {
        assertThat(column(r, EventColumns.CLICK_ID)).isEqualTo(c.clickId());
        assertThat(column(r, EventColumns.PAGE_URL)).isEqualTo(c.pageUrl());
        assertThat(column(r, EventColumns.ELEMENT_CLICKED)).isNull();
      } else if (e instanceof AppEvent a) {
        assertThat(column(r, EventColumns.DEVICE_ID)).isEqualTo(a.deviceId());
        assertThat(a.deviceId()).isIn("mobile", "tablet");
        assertThat(a.clientEvent()).startsWith("beer_");
        assertThat(column(r, EventColumns.ELEMENT_CLICKED)).isNull();
        assertThat(column(r, EventColumns.CLICK_ID)).isNull();
      } else if (e instanceof UiClick u) {
        assertThat(column(r, EventColumns.EVENT_NAME)).isEqualTo(EventName.CLICK);
        assertThat(column(r, EventColumns.ELEMENT_CLICKED)).isEqualTo(u.elementClicked());
        assertThat(column(r, EventColumns.TIME_SPENT)).isEqualTo(u.timeSpent());
        assertThat(u.timeSpent()).isNotNegative();
        assertThat(column(r, EventColumns.RESTAURANT_NAME)).isEqualTo(u.restaurantName());
        assertThat(column(r, EventColumns.PAGE_URL)).asString().startsWith("https://order.");
        assertThat(column(r, EventColumns.PRODUCT_ID)).isNull();
      }
      seen.merge(e.producer(), 1, Integer::sum);
    }
    assertThat(seen).containsOnlyKeys(Producer.values());
  }

  @Test
  void eachProducerUsesItsOwnVocabulary() {
    Map<Producer, Set<String>> names = new EnumMap<>(Producer.class);
    Set<String> elements = new HashSet<>();
    Set<String> restaurants = new HashSet<>();
    long guests = 0;
    for (SimulatedEvent e : take(ALL, 2, 6000)) {
      names.computeIfAbsent(e.producer(), k -> new HashSet<>()).add(e.eventName());
      if (e instanceof UiClick u) {
        elements.add(u.elementClicked());
        restaurants.add(u.restaurantName());
        guests += u.userId() == null ? 1 : 0;
      }
    }
    assertThat(names.get(Producer.PIXEL))
        .containsExactlyInAnyOrder(
            EventName.SEARCH, EventName.VIEW_CONTENT, EventName.ADD_TO_CART, EventName.PURCHASE);
    assertThat(names.get(Producer.APP))
        .containsExactlyInAnyOrder(
            AppSimulation.VITRINE,
            AppSimulation.PRODUCTS,
            AppSimulation.PRODUCT_DETAIL,
            AppSimulation.CART,
            AppSimulation.CHECKOUT);
    assertThat(names.get(Producer.UI)).containsExactly(EventName.CLICK);
    assertThat(elements)
        .containsExactlyInAnyOrder(
            RestaurantSimulation.RESTAURANT_CARD,
            RestaurantSimulation.MENU_CATEGORY,
            RestaurantSimulation.MENU_ITEM,
            RestaurantSimulation.ADD_TO_ORDER,
            RestaurantSimulation.VIEW_CART,
            RestaurantSimulation.CHECKOUT_BUTTON,
            RestaurantSimulation.PLACE_ORDER);
    assertThat(restaurants).hasSize(RestaurantSimulation.RESTAURANTS.length);
    assertThat(guests).isPositive();
  }

  @Test
  void appEventsOfProductScreensNameACatalogProduct() {
    Set<Long> catalog = new HashSet<>();
    ShopperSimulationTest.CATALOG.forEach(p -> catalog.add(p.productId()));
    for (SimulatedEvent e : take(Map.of(Producer.APP, 1.0), 3, 2000)) {
      boolean productScreen =
          List.of(AppSimulation.PRODUCT_DETAIL, AppSimulation.CART, AppSimulation.CHECKOUT)
              .contains(e.eventName());
      if (productScreen) {
        assertThat(catalog).contains(e.productId());
      } else {
        assertThat(e.productId()).isNull();
      }
    }
  }

  @Test
  void eachAppUserKeepsAPhoneAndSomeATabletWhoseAgentsAreClassified() {
    Map<String, Set<String>> devices = new HashMap<>();
    Map<String, Set<String>> agentsByUserDevice = new HashMap<>();
    Set<String> agents = new HashSet<>();
    for (SimulatedEvent e : take(Map.of(Producer.APP, 1.0), 4, 4000)) {
      AppEvent a = (AppEvent) e;
      devices.computeIfAbsent(a.userId(), k -> new HashSet<>()).add(a.deviceId());
      agentsByUserDevice
          .computeIfAbsent(a.userId() + "|" + a.deviceId(), k -> new HashSet<>())
          .add(a.userAgent());
      agents.add(a.userAgent());
    }
    assertThat(devices.values()).allSatisfy(d -> assertThat(d).contains("mobile"));
    assertThat(devices.values().stream().filter(d -> d.contains("tablet"))).isNotEmpty();
    assertThat(devices.values().stream().filter(d -> d.size() == 1)).isNotEmpty();
    // one phone and one tablet per user: the same model whenever the user comes back
    assertThat(agentsByUserDevice.values()).allSatisfy(a -> assertThat(a).hasSize(1));
    // the demo checks that the enrichment classifies every user agent
    UserAgentClassifier ua = UserAgentClassifier.shared(100);
    assertThat(agents).hasSize(AppSimulation.Platform.values().length);
    assertThat(agents)
        .allSatisfy(
            a -> {
              assertThat(ua.classify(a).deviceClass()).as(a).isIn("Phone", "Tablet");
              assertThat(ua.classify(a).bot()).as(a).isFalse();
            });
  }

  @Test
  void sharesHoldWithinAFewPercent() {
    Map<Producer, Integer> counts = new EnumMap<>(Producer.class);
    int n = 20_000;
    take(ALL, 5, n).forEach(e -> counts.merge(e.producer(), 1, Integer::sum));
    assertThat(counts.get(Producer.PIXEL) / (double) n).isBetween(0.57, 0.63);
    assertThat(counts.get(Producer.APP) / (double) n).isBetween(0.22, 0.28);
    assertThat(counts.get(Producer.UI) / (double) n).isBetween(0.12, 0.18);

    Map<Producer, Integer> two = new EnumMap<>(Producer.class);
    take(Map.of(Producer.APP, 0.625, Producer.UI, 0.375), 5, n)
        .forEach(e -> two.merge(e.producer(), 1, Integer::sum));
    assertThat(two).containsOnlyKeys(Producer.APP, Producer.UI);
    assertThat(two.get(Producer.APP) / (double) n).isBetween(0.595, 0.655);
  }

  @Test
  void uiAloneSendsOnlyUiClicks() {
    List<SimulatedEvent> events = take(Map.of(Producer.UI, 1.0), 6, 1000);
    assertThat(events).allSatisfy(e -> assertThat(e).isInstanceOf(UiClick.class));
    assertThat(events).allSatisfy(e -> assertThat(e.eventName()).isEqualTo(EventName.CLICK));
  }

  @Test
  void theMixIsInEventTimeOrderWithDistinctEventIds() {
    List<SimulatedEvent> events = take(ALL, 7, 20_000);
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).timestamp()).isAfterOrEqualTo(events.get(i - 1).timestamp());
    }
    // the decoder's stable ids of app and UI events: same user, name and time would merge two
    assertThat(events.stream().map(SimulatedEvent::eventId).distinct().count())
        .isEqualTo(events.size());
  }

  @Test
  void sameSeedSameMixAndThePixelTrackerAloneIsTheShopperSimulation() {
    assertThat(take(ALL, 8, 2000)).isEqualTo(take(ALL, 8, 2000));
    assertThat(take(ALL, 8, 2000)).isNotEqualTo(take(ALL, 9, 2000));
    ShopperSimulation shoppers =
        new ShopperSimulation(
            8,
            ShopperSimulationTest.CATALOG,
            50,
            ShopperSimulationTest.START,
            100,
            Duration.ofSeconds(1));
    for (SimulatedEvent e : take(Map.of(Producer.PIXEL, 1.0), 8, 2000)) {
      assertThat(e).isEqualTo(shoppers.next());
    }
  }

  @Test
  void faultsApplyToEveryProducerInItsOwnShape() {
    FaultInjector faults = new FaultInjector(9, 0.1, 0.1, 0.1, 0.1, Duration.ofHours(2), 999_999);
    Map<Producer, Map<Fault, Integer>> counts = new EnumMap<>(Producer.class);
    for (SimulatedEvent e : take(ALL, 10, 12_000)) {
      List<OutgoingRecord> out = faults.apply(e);
      for (OutgoingRecord r : out) {
        counts
            .computeIfAbsent(e.producer(), k -> new EnumMap<>(Fault.class))
            .merge(r.fault(), 1, Integer::sum);
        assertThat(r.partitionKey()).isEqualTo(e.partitionKey());
        DecodeResult d = DECODER.decode(r.data(), e.timestamp().plusSeconds(1));
        BadReason expected =
            switch (r.fault()) {
              case MALFORMED_NOT_JSON -> BadReason.NOT_JSON;
              case MALFORMED_NOT_UTF8 -> BadReason.NOT_UTF8;
              case MALFORMED_MISSING_FIELD -> BadReason.MISSING_FIELD;
              case MALFORMED_WRONG_TYPE -> BadReason.WRONG_TYPE;
              default -> null;
            };
        if (expected != null) {
          assertThat(d.reason()).as(r.fault() + " " + e.producer()).isEqualTo(expected);
          assertThat(r.distinctValidEvent()).isFalse();
          continue;
        }
        assertThat(d.isOk()).as(d.detail()).isTrue();
        assertThat(d.event().eventId()).isEqualTo(r.event().eventId());
        switch (r.fault()) {
          case DUPLICATE -> {
            assertThat(r.data()).isEqualTo(out.get(0).data());
            assertThat(r.distinctValidEvent()).isFalse();
          }
          case LATE ->
              assertThat(d.event().eventTime()).isEqualTo(e.timestamp().minus(Duration.ofHours(2)));
          case UNKNOWN_PRODUCT -> assertThat(d.event().productId()).isEqualTo(999_999L);
          default -> assertThat(d.event().eventId()).isEqualTo(e.eventId());
        }
      }
    }
    for (Producer p : Producer.values()) {
      Map<Fault, Integer> c = counts.get(p);
      assertThat(c).as(p.name()).containsKeys(Fault.NONE, Fault.DUPLICATE, Fault.LATE);
      for (Fault f : Fault.values()) {
        if (f.malformed()) {
          assertThat(c).as(p + " " + f).containsKey(f);
        }
      }
    }
    // an unknown product only where the event names one
    assertThat(counts.get(Producer.PIXEL)).containsKey(Fault.UNKNOWN_PRODUCT);
    assertThat(counts.get(Producer.APP)).containsKey(Fault.UNKNOWN_PRODUCT);
    assertThat(counts.get(Producer.UI)).doesNotContainKey(Fault.UNKNOWN_PRODUCT);
  }

  @Test
  void theReportCountsEachProducer() {
    SendReport report = new SendReport();
    FaultInjector faults = new FaultInjector(3, 0.05, 0.05, 0, 0, Duration.ofHours(2), 999_999);
    Map<Producer, Integer> valid = new EnumMap<>(Producer.class);
    Map<Producer, Integer> records = new EnumMap<>(Producer.class);
    for (SimulatedEvent e : take(ALL, 11, 3000)) {
      for (OutgoingRecord r : faults.apply(e)) {
        report.accepted(r);
        records.merge(e.producer(), 1, Integer::sum);
        valid.merge(e.producer(), r.distinctValidEvent() ? 1 : 0, Integer::sum);
      }
    }
    for (Producer p : Producer.values()) {
      assertThat(report.records(p)).as(p.name()).isEqualTo(records.get(p).longValue());
      assertThat(report.validEvents(p)).as(p.name()).isEqualTo(valid.get(p).longValue());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> byProducer = (Map<String, Object>) report.toMap().get("by_producer");
    assertThat(byProducer.keySet()).containsExactly("pixel", "app", "ui");
    assertThat(((Map<?, ?>) byProducer.get("ui")).get("valid_events"))
        .isEqualTo((long) valid.get(Producer.UI));
    assertThat(report.validEvents())
        .isEqualTo(valid.values().stream().mapToLong(Integer::longValue).sum());
  }
}
