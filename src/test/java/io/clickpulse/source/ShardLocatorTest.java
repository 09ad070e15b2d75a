package io.clickpulse.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clickpulse.source.ShardLocator.ShardRange;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardLocatorTest {
  static final BigInteger MAX = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
  static final BigInteger HALF = BigInteger.TWO.pow(127);

  @Test
  void routesByMd5OfThePartitionKey() {
    ShardLocator l =
        new ShardLocator(
            List.of(
                new ShardRange(
                    "shard-0",
                    BigInteger.ZERO,
                    HALF.subtract(BigInteger.ONE),
                    BigInteger.ZERO,
                    null),
                new ShardRange("shard-1", HALF, MAX, BigInteger.ZERO, null)));
    // MD5("9") = 45c48cce… (lower half), MD5("1") = c4ca4238… (upper half)
    assertThat(l.locate("9", "1")).isEqualTo("shard-0");
    assertThat(l.locate("1", "1")).isEqualTo("shard-1");
    assertThat(l.locate(null, "1")).isNull();
  }

  @Test
  void afterASplitTheSequenceNumberPicksParentOrChild() {
    ShardLocator l =
        new ShardLocator(
            List.of(
                new ShardRange(
                    "parent",
                    BigInteger.ZERO,
                    MAX,
                    BigInteger.valueOf(100),
                    BigInteger.valueOf(199)),
                new ShardRange(
                    "child-a",
                    BigInteger.ZERO,
                    HALF.subtract(BigInteger.ONE),
                    BigInteger.valueOf(200),
                    null),
                new ShardRange("child-b", HALF, MAX, BigInteger.valueOf(200), null)));
    assertThat(l.locate("9", "150")).isEqualTo("parent");
    assertThat(l.locate("9", "250")).isEqualTo("child-a");
    assertThat(l.locate("1", "250")).isEqualTo("child-b");
  }
}
