package io.headroom4j.token;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

final class TokenCounterProperties {

    @Property(tries = 300)
    void atLeastAgreesWithTheFullCount(@ForAll @StringLength(max = 400) String text,
                                       @ForAll @IntRange(min = -1, max = 500) int n) {
        for (TokenCounter c : new TokenCounter[] {TokenCounters.o200k(), TokenCounters.cl100k()}) {
            assertThat(c.atLeast(text, n)).as("%s, n=%d", c.name(), n).isEqualTo(c.count(text) >= n);
        }
    }

    @Property(tries = 100)
    void atLeastAgreesOnLogLikeText(@ForAll @IntRange(min = 1, max = 200) int lines,
                                    @ForAll @IntRange(min = 0, max = 3_000) int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append("2026-11-24T06:").append(i % 60).append(" INFO GET /api/items/").append(i * 31)
                    .append(" status=200 dur=").append(i % 97).append("ms\n");
        }
        String text = sb.toString();
        TokenCounter c = TokenCounters.o200k();
        assertThat(c.atLeast(text, n)).isEqualTo(c.count(text) >= n);
        int exact = c.count(text);
        assertThat(c.atLeast(text, exact)).isTrue();
        assertThat(c.atLeast(text, exact + 1)).isFalse();
    }
}
