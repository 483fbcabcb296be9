package io.headroom4j.compress.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Fixtures;
import io.headroom4j.internal.TextLines;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.token.TokenCounters;

final class DiffFoldProperties {

    private final DiffCompressor compressor = new DiffCompressor(1);

    @Property(tries = 300)
    void losslessOutputDecodesToTheInput(@ForAll("diffs") String input) {
        Compressed c = compressor.compress(input, Fixtures.lossless());
        assertThat(c.lossless()).isTrue();
        assertThat(DiffFold.decode(c.output())).isEqualTo(input);
    }

    @Property(tries = 300)
    void foldRoundTripsWellFormedGitDiffs(@ForAll("diffs") String input) {
        assertThat(DiffFold.decode(DiffFold.encode(TextLines.split(input)))).isEqualTo(input);
    }

    @Property(tries = 200)
    void lossyKeepsEveryChangedLineAndKeysRetrieveOriginalLines(@ForAll("diffs") String input) {
        CompressionStore store = Fixtures.store();
        CompressionContext ctx = new CompressionContext(HeadroomConfig.builder().minTokens(1).lossyMinTokens(1).build(),
                "", null, TokenCounters.o200k(), store);
        Compressed c = compressor.compress(input, ctx);
        List<String> out = TextLines.split(c.output());
        for (String line : TextLines.split(input)) {
            if (line.startsWith("+") && !line.startsWith("+++") || line.startsWith("-") && !line.startsWith("---")
                    || line.startsWith("@@") || line.startsWith("diff ")) {
                assertThat(out).contains(line);
            }
        }
        for (String key : c.retrievalKeys()) {
            assertThat(input).contains(store.get(key).orElseThrow());
        }
    }

    @Provide
    Arbitrary<String> diffs() {
        Arbitrary<String> path = Arbitraries.of("src/A.java", "a b/c.txt", "x", "docs/READ ME.md");
        Arbitrary<String> body = Arbitraries.strings().withChars("abc {};é\t").ofMaxLength(12);
        Arbitrary<String> contextLine = body.map(b -> " " + b);
        Arbitrary<String> change = Combinators.combine(Arbitraries.of('+', '-'), body).as((c, b) -> c + b);
        Arbitrary<List<String>> hunkLines = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, contextLine), net.jqwik.api.Tuple.of(2, change)).list().ofMinSize(1).ofMaxSize(30);
        Arbitrary<String> hunk = Combinators.combine(Arbitraries.integers().between(1, 900), hunkLines).as((start, ls) -> {
            int old = 0;
            int neu = 0;
            for (String l : ls) {
                if (l.charAt(0) != '+') {
                    old++;
                }
                if (l.charAt(0) != '-') {
                    neu++;
                }
            }
            return "@@ -" + start + "," + old + " +" + start + "," + neu + " @@ ctx\n" + String.join("\n", ls);
        });
        Arbitrary<String> section = Combinators.combine(path, Arbitraries.of(true, false), hunk.list().ofMinSize(1)
                .ofMaxSize(3)).as((p, idx, hs) -> "diff --git a/" + p + " b/" + p + "\n"
                + (idx ? "index 1234567..89abcde 100644\n" : "") + "--- a/" + p + "\n+++ b/" + p + "\n"
                + String.join("\n", hs));
        Arbitrary<String> commit = Arbitraries.of("commit 0123456789abcdef\nAuthor: A <a@b.c>\n\n    message\n", "");
        return Combinators.combine(commit, section.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of("", "\n", "\r\n"))
                .as((c, ss, end) -> c + String.join("\n", ss) + end);
    }
}
