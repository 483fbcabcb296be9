package io.headroom4j.compress.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Markers;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.token.TokenCounters;

final class TextCompressorProperties {

    private static final List<String> PIECES = List.of(
            "The parser reads the file.", "It costs 3.5 dollars, e.g. in Paris.", "Dr. Smith disagreed!",
            "Why would it fail?", "See https://example.com/a.b for details.", "- a list item", "1. numbered item",
            "```\ncode line\n\nmore code\n```", "# Heading", "## Sub heading", "| a | b |\n|---|---|\n| 1 | 2 |",
            "ERROR: disk full at /var/lib/data.", "The quick brown fox jumps over the lazy dog.", "\n", "\n\n",
            "\r\n", "\r\n\r\n", "  indented text line.", "Ünïcödé wörds and 日本語の文。", "\uD83D\uDE00 emoji.", "\t");

    private final TextCompressor compressor = new TextCompressor();

    private static CompressionContext context(CompressionStore store, String query) {
        HeadroomConfig config = HeadroomConfig.builder().minTokens(0).lossyMinTokens(20).build();
        return new CompressionContext(config, query, null, TokenCounters.o200k(), store);
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(120)
                .map(list -> String.join(" ", list));
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.of("", "disk full", "parser file", "fox dog", "heading", "emoji 日本語");
    }

    @Property(tries = 150)
    void keptTextIsVerbatimInOrderAndMarkersRestoreIt(@ForAll("documents") String doc, @ForAll("queries") String q) {
        CompressionStore store = TextCompressorTest.store();
        Compressed c = compressor.compress(doc, context(store, q));
        TextCompressorTest.assertVerbatimInOrder(c.output(), doc);
        assertThat(TextCompressorTest.restore(c.output(), store)).isEqualTo(doc);
        assertThat(c.retrievalKeys()).containsExactlyInAnyOrderElementsOf(Markers.keysIn(c.output()));
    }

    @Property(tries = 200)
    void neverThrowsOnArbitraryText(@ForAll String text, @ForAll("queries") String q) {
        CompressionStore store = TextCompressorTest.store();
        Compressed c = compressor.compress(text, context(store, q));
        assertThat(c.output()).isNotNull();
        Compressed h = new HtmlCompressor().compress("<html><body><p>" + text + "</p><div>" + text + "</div>"
                + "<p>padding paragraph with words</p>".repeat(30) + "</body></html>", context(store, q));
        if (!h.lossless()) {
            assertThat(store.get(Markers.keysIn(h.output()).get(0))).isPresent();
        }
    }

    @Property(tries = 300)
    void sentenceSpansCoverAllNonWhitespace(@ForAll("documents") String doc) {
        int[] spans = SentenceSplitter.split(doc, 0, doc.length());
        int at = 0;
        for (int i = 0; i < spans.length; i += 2) {
            assertThat(spans[i]).isGreaterThanOrEqualTo(at).isLessThan(spans[i + 1]);
            assertThat(doc.substring(at, spans[i]).isBlank()).isTrue();
            at = spans[i + 1];
        }
        assertThat(doc.substring(at).isBlank()).isTrue();
    }
}
