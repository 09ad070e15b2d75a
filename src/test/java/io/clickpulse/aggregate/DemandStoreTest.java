package io.clickpulse.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.aws.AwsClients;
import io.clickpulse.config.ClickpulseConfig;
import io.clickpulse.dev.local.Bootstrap;
import io.clickpulse.dev.local.TestStack;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * product_demand on DynamoDB Local under replays that read other records than the first attempt
 * (the Kinesis source re-reads up to the stream's head): a replay replaces its batch's earlier
 * contribution, items only the earlier attempt touched are put back, and the totals always equal
 * the committed batches' records.
 */
class DemandStoreTest {
  static final Instant W0 = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant W1 = Instant.parse("2026-01-01T10:01:00Z");
  static ClickpulseConfig config;
  static DynamoDbClient dynamo;
  static DemandStore store;

  @BeforeAll
  static void start() {
    config = TestStack.config();
    new Bootstrap(config, s -> {}).run();
    dynamo = new AwsClients(config.aws()).dynamoDb();
    store = new DemandStore(dynamo, config.tables().productDemand(), Duration.ofDays(1));
  }

  @AfterAll
  static void close() {
    dynamo.close();
  }

  static DemandTotals views(long product, long views, String... users) {
    return DemandTotals.builder(new DemandKey(product, W0), W1)
        .views(views)
        .revenue(new BigDecimal("0.00"))
        .users(UniqueUsers.of(List.of(users)))
        .productKnown(true)
        .build();
  }

  Map<String, AttributeValue> item(long product) {
    return dynamo
        .getItem(
            b ->
                b.tableName(config.tables().productDemand())
                    .consistentRead(true)
                    .key(DemandStore.itemKey(new DemandKey(product, W0))))
        .item();
  }

  long storedViews(long product) {
    var item = item(product);
    return item == null || item.isEmpty() ? -1 : Long.parseLong(item.get("views").n());
  }

  @Test
  void aReplayReplacesItsBatchsContributionWhateverItReads() {
    String q = "query-a";
    store.apply(List.of(views(1, 3, "u1")), List.of(), q, 0);
    assertThat(store.apply(List.of(views(1, 2, "u2"), views(2, 5, "u2")), List.of(), q, 1))
        .isEqualTo(new DemandStore.Outcome(2, 0, 0));
    assertThat(storedViews(1)).isEqualTo(5);

    // the same records again: nothing moves
    assertThat(store.apply(List.of(views(1, 2, "u2"), views(2, 5, "u2")), List.of(), q, 1))
        .isEqualTo(new DemandStore.Outcome(2, 2, 0));
    assertThat(storedViews(1)).isEqualTo(5);
    assertThat(storedViews(2)).isEqualTo(5);

    // more records (the stream grew before the replay): batch 1 counts what it read this time
    store.apply(List.of(views(1, 4, "u2", "u3"), views(2, 6, "u2")), List.of(), q, 1);
    assertThat(storedViews(1)).isEqualTo(3 + 4);
    assertThat(storedViews(2)).isEqualTo(6);
    assertThat(item(1).get("unique_users").n()).isEqualTo("3");

    // fewer records: product 2 is no longer in batch 1, which created its item: the item goes;
    // product 1 keeps batch 0's count plus what batch 1 read now
    DemandKey two = new DemandKey(2, W0);
    assertThat(store.apply(List.of(views(1, 1, "u2")), List.of(new DemandKey(1, W0), two), q, 1))
        .isEqualTo(new DemandStore.Outcome(1, 1, 1));
    assertThat(storedViews(1)).isEqualTo(3 + 1);
    assertThat(item(1).get("unique_users").n()).isEqualTo("2");
    assertThat(storedViews(2)).isEqualTo(-1);

    // the next batch adds to what batch 1 left
    store.apply(List.of(views(1, 10, "u9"), views(2, 7, "u9")), List.of(), q, 2);
    assertThat(storedViews(1)).isEqualTo(14);
    assertThat(storedViews(2)).isEqualTo(7);
  }

  @Test
  void aReplayWithoutAnItemPutsBackWhatWasThereBefore() {
    String q = "query-b";
    store.apply(List.of(views(10, 3, "u1")), List.of(), q, 0);
    store.apply(List.of(views(10, 2, "u2")), List.of(), q, 1);
    assertThat(store.apply(List.of(), List.of(new DemandKey(10, W0)), q, 1))
        .isEqualTo(new DemandStore.Outcome(0, 0, 1));
    assertThat(storedViews(10)).isEqualTo(3);
    assertThat(item(10).get("user_ids").ss()).containsExactly("u1");
    // a key the earlier attempt recorded but never wrote changes nothing
    assertThat(store.apply(List.of(), List.of(new DemandKey(11, W0)), q, 1))
        .isEqualTo(new DemandStore.Outcome(0, 0, 0));
    assertThat(storedViews(11)).isEqualTo(-1);
  }

  @Test
  void anotherCheckpointAddsToWhatItFinds() {
    store.apply(List.of(views(20, 3, "u1")), List.of(), "old-checkpoint", 5);
    store.apply(List.of(views(20, 2, "u2")), List.of(), "new-checkpoint", 0);
    store.apply(List.of(views(20, 2, "u2")), List.of(), "new-checkpoint", 0);
    assertThat(storedViews(20)).isEqualTo(5);
  }

  @Test
  void uniqueUsersStayWithinTheItemSizeLimit() {
    // 60,000 users with 100-byte ids: 6 MB as a set, far past DynamoDB's 400 KB per item
    long expected = 0;
    for (int batch = 0; batch < 30; batch++) {
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        users.add(String.format("%-96s%04d", "user-" + batch, i).replace(' ', 'x'));
      }
      expected += users.size();
      store.apply(List.of(views(30, 1, users.toArray(String[]::new))), List.of(), "query-c", batch);
    }
    var item = item(30);
    assertThat(item).doesNotContainKey("user_ids");
    assertThat(Long.parseLong(item.get("views").n())).isEqualTo(30);
    assertThat((double) Long.parseLong(item.get("unique_users").n()))
        .isBetween(expected * 0.95, expected * 1.05);
    assertThat(item.get("users_sketch").b().asByteArray().length).isLessThan(4 * 1024);
    assertThat(Set.of(item.keySet().toArray())).contains("before_last_batch");
  }
}
