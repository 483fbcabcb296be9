package io.headroom4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

final class TokenGateProperties {

    @Property(tries = 500)
    void wordCountIsALowerBoundOfTiktokenCounts(@ForAll String text) {
        assertThat(TokenGate.words(text, Integer.MAX_VALUE)).isLessThanOrEqualTo(TokenCounters.o200k().count(text));
        assertThat(TokenGate.words(text, Integer.MAX_VALUE)).isLessThanOrEqualTo(TokenCounters.cl100k().count(text));
    }

    @Property(tries = 300)
    void agreesWithAnExactCount(@ForAll String text, @ForAll @IntRange(min = 0, max = 60) int min) {
        TokenCounter o200k = TokenCounters.o200k();
        assertThat(TokenGate.hasAtLeast(text, min, o200k)).isEqualTo(o200k.count(text) >= min);
    }
}
