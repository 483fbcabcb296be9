package io.headroom4j.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.build.BuildOutputCompressor;
import io.headroom4j.compress.diff.DiffCompressor;
import io.headroom4j.compress.log.LogCompressor;
import io.headroom4j.compress.search.SearchResultCompressor;
import io.headroom4j.compress.tree.TreeCompressor;
import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

final class CompressionContextTest {

    /** o200k under another name, so TokenGate's o200k lower bounds do not apply, counting every call. */
    private static final class CountingCounter implements TokenCounter {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public int count(String text) {
            calls.incrementAndGet();
            return TokenCounters.o200k().count(text);
        }

        @Override
        public String name() {
            return "counting";
        }
    }

    private static CompressionContext context(TokenCounter counter) {
        return new CompressionContext(HeadroomConfig.defaults(), "", null, counter, Fixtures.store());
    }

    @Test
    void aKnownCountSparesTheCompressorsCountingTheirInput() {
        List<Object[]> cases = List.of(
                new Object[] {new SearchResultCompressor(), "search/grep-rn-C2-eslint-throw.txt"},
                new Object[] {new DiffCompressor(), "diff/git-show.txt"},
                new Object[] {new TreeCompressor(), "tree/cargo-tree.txt"},
                new Object[] {new LogCompressor(), "log/access.log"},
                new Object[] {new BuildOutputCompressor(), "build/gradle-test-failure.txt"});
        for (Object[] c : cases) {
            Compressor compressor = (Compressor) c[0];
            String input = Fixtures.read((String) c[1]);
            CountingCounter counter = new CountingCounter();
            int known = TokenCounters.o200k().count(input);
            Compressed withCount = compressor.compress(input, context(counter).withCounted(input, known));
            assertThat(counter.calls).as("%s counted with a known count", c[1]).hasValue(0);
            assertThat(withCount.lossless()).as("%s went lossy", c[1]).isFalse();
            // The same output as a compressor that had to count for itself.
            assertThat(compressor.compress(input, context(new CountingCounter())).output())
                    .isEqualTo(withCount.output());
        }
    }

    @Test
    void aKnownCountUnderTheThresholdKeepsTheInputLossless() {
        String input = Fixtures.read("tree/npm-ls-all.txt");
        Compressed c = new TreeCompressor().compress(input, context(new CountingCounter()).withCounted(input, 999));
        assertThat(c.lossless()).isTrue();
    }

    @Test
    void aCountOfOtherTextIsNotUsed() {
        String input = Fixtures.read("tree/npm-ls-all.txt");
        CompressionContext ctx = context(new CountingCounter()).withCounted("something else", 1);
        assertThat(ctx.tokenCount(input)).isEqualTo(TokenCounters.o200k().count(input));
        assertThat(ctx.reachesLossyMin(input)).isTrue();
        assertThat(ctx.withQuery("q").withToolName("Bash").tokenCount("something else")).isEqualTo(1);
        assertThat(ctx.withCounted(input, 7).tokenCount(new String(input.toCharArray()))).isEqualTo(7);
    }
}
