package io.clickpulse.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniqueUsersTest {
  @Test
  void smallSetsAreExactAndUnite() {
    UniqueUsers u = UniqueUsers.of(List.of("a", "b", "a")).union(UniqueUsers.of(List.of("b", "c")));
    assertThat(u.count()).isEqualTo(3);
    assertThat(u.exactIds()).contains(Set.of("a", "b", "c"));
  }

  @Test
  void storedFormRoundTrips() {
    UniqueUsers u = UniqueUsers.of(List.of("a", "b"));
    UniqueUsers back = UniqueUsers.stored(u.exactIds(), Optional.of(u.sketchBytes()));
    assertThat(back.count()).isEqualTo(2);
    assertThat(back.union(UniqueUsers.of(List.of("c"))).count()).isEqualTo(3);
    // an item written before the sketch existed: the ids alone
    assertThat(UniqueUsers.stored(Optional.of(Set.of("x", "y")), Optional.empty()).count())
        .isEqualTo(2);
  }

  @Test
  void manyUsersKeepOnlyTheSketchWithinAFewKilobytesAndEstimateClosely() {
    UniqueUsers all = UniqueUsers.none();
    for (int batch = 0; batch < 10; batch++) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        ids.add("user-with-a-long-identifier-" + batch + "-" + i);
      }
      all = all.union(UniqueUsers.of(ids));
    }
    assertThat(all.exactIds()).isEmpty();
    assertThat(all.sketchBytes().length).isLessThan(4 * 1024);
    // 50,000 distinct; lgK 12 has a standard error of about 1.6 %: 5 % is over three of them
    assertThat((double) all.count()).isBetween(47_500.0, 52_500.0);
    // the same users again add nothing
    UniqueUsers again = all.union(UniqueUsers.of(List.of("user-with-a-long-identifier-0-0")));
    assertThat(again.count()).isEqualTo(all.count());
  }
}
