package io.headroom4j.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import org.junit.jupiter.api.Test;

final class MarkersProperties {

    @Property(tries = 1000)
    void countGroupsDigitsAsFormatDoes(@ForAll long n) {
        assertThat(Markers.count(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
    }

    @Property(tries = 300)
    void countGroupsSmallNumbersAsFormatDoes(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long n) {
        assertThat(Markers.count(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
    }

    @Test
    void countHandlesTheExtremes() {
        for (long n : new long[] {0, 999, 1000, -999, -1000, 999_999, 1_000_000, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(Markers.count(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
    }
}
