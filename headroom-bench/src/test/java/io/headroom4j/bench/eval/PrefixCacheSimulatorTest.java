package io.headroom4j.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.headroom4j.token.TokenCounter;

final class PrefixCacheSimulatorTest {

    /** One token per character keeps the arithmetic visible. */
    private static final TokenCounter CHARS = String::length;

    private static byte[] text(char c, int n) {
        return String.valueOf(c).repeat(n).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anthropicWritesTheFirstRequestAndReadsTheSharedPrefixNext() {
        byte[] first = text('a', 2000);
        byte[] second = concat(first, text('b', 500));
        List<PrefixCacheSimulator.Turn> turns = new PrefixCacheSimulator(CHARS, PrefixCacheSimulator.Provider.ANTHROPIC)
                .run(List.of(first, second));

        assertThat(turns.get(0).cacheWrite()).isEqualTo(2000);
        assertThat(turns.get(0).cacheRead()).isZero();
        assertThat(turns.get(0).cost()).isCloseTo(2000 * 3e-6 * 1.25, within(1e-12));
        assertThat(turns.get(1).cacheRead()).isEqualTo(2000);
        assertThat(turns.get(1).cacheWrite()).isEqualTo(500);
        assertThat(turns.get(1).cost()).isCloseTo(2000 * 3e-6 * 0.1 + 500 * 3e-6 * 1.25, within(1e-12));
    }

    @Test
    void aChangedFirstByteBustsTheCache() {
        byte[] first = text('a', 3000);
        byte[] second = concat(text('z', 1), text('a', 3100));
        List<PrefixCacheSimulator.Turn> turns = new PrefixCacheSimulator(CHARS, PrefixCacheSimulator.Provider.ANTHROPIC)
                .run(List.of(first, second));
        assertThat(turns.get(1).cacheRead()).isZero();
        assertThat(turns.get(1).cacheWrite()).isEqualTo(3101);
    }

    @Test
    void openAiCachesFrom1024TokensIn128TokenSteps() {
        byte[] first = text('a', 1500);
        byte[] second = concat(first, text('b', 100));
        List<PrefixCacheSimulator.Turn> turns = new PrefixCacheSimulator(CHARS, PrefixCacheSimulator.Provider.OPENAI)
                .run(List.of(first, second));
        assertThat(turns.get(1).cacheRead()).isEqualTo(1024 + 3 * 128);
        assertThat(turns.get(1).uncached()).isEqualTo(1600 - 1408);
        assertThat(turns.get(1).cost()).isCloseTo(1408 * 2.5e-6 * 0.5 + 192 * 2.5e-6, within(1e-12));
    }

    @Test
    void requestsUnder1024TokensAreNeverCached() {
        byte[] first = text('a', 500);
        List<PrefixCacheSimulator.Turn> turns = new PrefixCacheSimulator(CHARS, PrefixCacheSimulator.Provider.ANTHROPIC)
                .run(List.of(first, concat(first, text('b', 10))));
        assertThat(turns.get(1).cacheRead()).isZero();
        assertThat(turns.get(1).uncached()).isEqualTo(510);
    }

    @Test
    void cutsPrefixesAtCharacterBoundaries() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8);
        assertThat(PrefixCacheSimulator.utf8Prefix(euro, 2)).isEqualTo("a");
        assertThat(PrefixCacheSimulator.utf8Prefix(euro, 4)).isEqualTo("a€");
    }
}
