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

    @Property(tries = 500)
    void letterAndDigitRunsAreALowerBoundOfTiktokenCounts(@ForAll String text) {
        assertThat(TokenGate.runs(text, Integer.MAX_VALUE)).isLessThanOrEqualTo(TokenCounters.o200k().count(text));
        assertThat(TokenGate.runs(text, Integer.MAX_VALUE)).isLessThanOrEqualTo(TokenCounters.cl100k().count(text));
    }

    @Property(tries = 300)
    void runsStayALowerBoundOnCodeLikeText(@ForAll("codeLike") String text) {
        assertThat(TokenGate.runs(text, Integer.MAX_VALUE)).isLessThanOrEqualTo(TokenCounters.o200k().count(text));
        assertThat(TokenGate.runs(text, Integer.MAX_VALUE)).isLessThanOrEqualTo(TokenCounters.cl100k().count(text));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> codeLike() {
        return net.jqwik.api.Arbitraries.of("foo", "Bar", "don't", "it's", "x1", "123456", "_a", ".b", "->", "(", ")",
                "\n", " ", "\t", "é", "e\u0301", "日本", "Ünï", "'s", "’s", "0x1F", "a.b.c", "CamelCase", "$", "😀")
                .list().ofMaxSize(60).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void agreesWithAnExactCount(@ForAll String text, @ForAll @IntRange(min = 0, max = 60) int min) {
        TokenCounter o200k = TokenCounters.o200k();
        for (TokenCounter counter : new TokenCounter[] {o200k, TokenCounters.cl100k(), text1 -> o200k.count(text1)}) {
            assertThat(TokenGate.atLeast(counter, text, min)).isEqualTo(counter.count(text) >= min);
        }
    }

    @Property(tries = 300)
    void earlyStoppingCountAgreesWithAnExactCount(@ForAll String text, @ForAll @IntRange(min = 0, max = 60) int min) {
        for (TokenCounter counter : new TokenCounter[] {TokenCounters.o200k(), TokenCounters.cl100k()}) {
            assertThat(counter.atLeast(text, min)).isEqualTo(counter.count(text) >= min);
        }
    }

    @Property(tries = 200)
    void earlyStoppingCountAgreesOnCodeLikeText(@ForAll("codeLike") String text,
                                                @ForAll @IntRange(min = 0, max = 200) int min) {
        TokenCounter o200k = TokenCounters.o200k();
        assertThat(o200k.atLeast(text, min)).isEqualTo(o200k.count(text) >= min);
    }
}
