package io.headroom4j.compress.code;

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
import io.headroom4j.store.CompressionStore;
import io.headroom4j.token.TokenCounters;

final class CodeCompressorProperties {

    private static final List<String> FILES = List.of("blinker_base.py", "semver_range.js", "zod_ZodError.ts",
            "fatih_color.go", "memchr.rs", "jsoup_StringUtil.java", "treesitter_tree_cursor.c",
            "treesitter_node_tree.cc");

    private final CodeCompressor compressor = new CodeCompressor();

    private static CompressionContext context(CompressionStore store) {
        HeadroomConfig config = HeadroomConfig.builder().minTokens(0).lossyMinTokens(50).build();
        return new CompressionContext(config, "", null, TokenCounters.o200k(), store);
    }

    /** Slices of real source files (often cutting through a function), with CRLF or tabs mixed in. */
    @Provide
    Arbitrary<String> sourceSlices() {
        return Combinators.combine(Arbitraries.of(FILES), Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(5, 400), Arbitraries.of("", "\r\n", "junk"))
                .as((file, from, count, twist) -> {
                    List<String> lines = CodeCompressorTest.fixture(file).lines().toList();
                    int start = Math.min(from, lines.size() - 1);
                    String s = String.join("\n", lines.subList(start, Math.min(lines.size(), start + count)));
                    if (twist.equals("\r\n")) {
                        s = s.replace("\n", "\r\n");
                    } else if (twist.equals("junk")) {
                        s = s.replace("return", "return }}}) \uD83D\uDE00 \u0007");
                    }
                    return s;
                });
    }

    @Property(tries = 60)
    void markersRestoreTheExactOriginal(@ForAll("sourceSlices") String source) {
        CompressionStore store = CodeCompressorTest.store();
        Compressed c = compressor.compress(source, context(store));
        assertThat(CodeCompressorTest.restore(c.output(), store)).isEqualTo(source);
        if (!c.lossless()) {
            assertThat(c.output().length()).isLessThan(source.length());
        }
    }

    /** The comment scan reads stripped rows in place; it must see what {@code text(row).strip()} holds. */
    @Property(tries = 300)
    void strippedRowRegionsMatchStrippedRowText(@ForAll String text) {
        String s = text.replace('a', '\n').replace('b', ' ').replace('c', '\r').replace('d', '*').replace('e', '/');
        CodeCompressor.Lines lines = new CodeCompressor.Lines(s);
        for (int row = 0; row < lines.count(); row++) {
            String t = lines.text(row).strip();
            int from = lines.stripStart(row);
            int to = lines.stripEnd(row);
            assertThat(s.substring(from, to)).isEqualTo(t);
            for (String probe : new String[] {"/*", "*/", "//", "#", "; retrieve: ", "*"}) {
                assertThat(lines.regionStartsWith(from, to, probe)).isEqualTo(t.startsWith(probe));
                assertThat(lines.regionContains(from, to, probe)).isEqualTo(t.contains(probe));
            }
        }
    }

    @Property(tries = 200)
    void neverThrowsOnArbitraryText(@ForAll String text) {
        Compressed c = compressor.compress(text, context(CodeCompressorTest.store()));
        assertThat(c.output()).isNotNull();
    }
}
