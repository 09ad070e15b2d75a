package io.clickpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
  @Test
  void computesOncePerKeyAndEmptiesWhenFull() {
    AtomicInteger calls = new AtomicInteger();
    BoundedCache<String, Integer> cache = new BoundedCache<>(2);
    assertThat(cache.get("a", k -> calls.incrementAndGet())).isEqualTo(1);
    assertThat(cache.get("a", k -> calls.incrementAndGet())).isEqualTo(1);
    assertThat(cache.get("b", k -> calls.incrementAndGet())).isEqualTo(2);
    assertThat(cache.size()).isEqualTo(2);
    // a third key finds it full: emptied, then holds only the new key
    assertThat(cache.get("c", k -> calls.incrementAndGet())).isEqualTo(3);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get("a", k -> calls.incrementAndGet())).isEqualTo(4);
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void sizeZeroComputesEveryTime() {
    AtomicInteger calls = new AtomicInteger();
    BoundedCache<String, Integer> cache = new BoundedCache<>(0);
    cache.get("a", k -> calls.incrementAndGet());
    cache.get("a", k -> calls.incrementAndGet());
    assertThat(calls.get()).isEqualTo(2);
    assertThat(cache.size()).isZero();
  }
}
