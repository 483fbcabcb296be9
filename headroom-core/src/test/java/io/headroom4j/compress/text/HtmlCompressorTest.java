package io.headroom4j.compress.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Markers;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.token.TokenCounters;

final class HtmlCompressorTest {

    private final HtmlCompressor compressor = new HtmlCompressor();

    @Test
    void convertsARealDocsPageToTextWithTheHtmlRetrievable() {
        String html = TextCompressorTest.fixture("html/rustdoc_what-is-rustdoc.html");
        CompressionStore store = TextCompressorTest.store();
        Compressed c = compressor.compress(html, TextCompressorTest.lossy(store, "how do I generate docs with cargo"));

        assertThat(c.lossless()).as(c.note()).isFalse();
        assertThat(c.output()).startsWith("[HTML markup of ").doesNotContain("<script").doesNotContain("<div");
        assertThat(c.output()).contains("# What is rustdoc?");
        String key = Markers.keysIn(c.output()).get(0);
        assertThat(store.get(key)).contains(html);
        assertThat(TokenCounters.o200k().count(c.output())).isLessThan(TokenCounters.o200k().count(html) / 3);
    }

    @Test
    void rendersCodeBlocksListsAndLinks() {
        String html = TextCompressorTest.fixture("html/rustdoc_documentation-tests.html");
        HtmlToText.Result r = HtmlToText.convert(html);
        assertThat(r.text()).contains("```").contains("# Documentation tests").contains("- ");
        assertThat(r.text()).doesNotContain("sidebar").doesNotContain("function(");
    }

    @Test
    void keptTextOfALongPageComesFromTheConvertedText() {
        String html = TextCompressorTest.fixture("html/rustdoc_documentation-tests.html");
        CompressionStore store = TextCompressorTest.store();
        Compressed c = compressor.compress(html, TextCompressorTest.lossy(store, "should_panic attribute"));
        assertThat(c.lossless()).isFalse();
        String text = HtmlToText.convert(html).text();
        String body = c.output().substring(c.output().indexOf("\n\n") + 2);
        TextCompressorTest.assertVerbatimInOrder(body, text);
        assertThat(c.output()).contains("should_panic");
    }

    @Test
    void passesThroughInLosslessModeAndForBrokenMarkup() {
        String html = TextCompressorTest.fixture("html/rustdoc_what-is-rustdoc.html");
        assertThat(compressor.compress(html, CompressionContext.lossless(HeadroomConfig.defaults())).output())
                .isEqualTo(html);
        String broken = "<div>" + "<span>".repeat(50_000) + "text";
        Compressed c = compressor.compress(broken, TextCompressorTest.lossy(TextCompressorTest.store(), ""));
        assertThat(c.output()).isNotNull();
    }
}
