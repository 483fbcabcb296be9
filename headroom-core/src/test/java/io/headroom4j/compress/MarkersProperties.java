package io.headroom4j.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

final class MarkersProperties {

    @Property
    void countGroupsDigitsExactlyLikeTheFormatter(@ForAll long n) {
        assertThat(Markers.count(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
    }

    @Example
    void countGroupsDigitsAtEveryBoundary() {
        for (long n : new long[] {0, 7, -7, 999, -999, 1000, -1000, 3912, 12_345, 999_999, 1_000_000, -1_234_567,
            Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(Markers.count(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
    }
}
