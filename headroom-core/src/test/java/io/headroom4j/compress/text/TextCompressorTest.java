package io.headroom4j.compress.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

final class TextCompressorTest {

    static final Pattern MARKER = Pattern.compile("\\[[^\\[\\]]*? omitted; retrieve: ([0-9a-f]{24})]");

    private final TextCompressor compressor = new TextCompressor();

    static String fixture(String path) {
        try (InputStream in = TextCompressorTest.class.getResourceAsStream("/fixtures/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompressionStore store() {
        return new InMemoryCompressionStore(Duration.ofHours(1), 1L << 28);
    }

    static CompressionContext lossy(CompressionStore store, String query) {
        return new CompressionContext(HeadroomConfig.defaults(), query, null, TokenCounters.o200k(), store);
    }

    /** Replaces each marker with the text its key retrieves. */
    static String restore(String output, CompressionStore store) {
        Matcher m = MARKER.matcher(output);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(store.get(m.group(1)).orElseThrow()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** True when every piece of output between markers occurs in the input, in order. */
    static void assertVerbatimInOrder(String output, String input) {
        int at = 0;
        for (String piece : MARKER.split(output)) {
            String p = piece.strip();
            if (p.isEmpty()) {
                continue;
            }
            int i = input.indexOf(p, at);
            assertThat(i).as("kept text appears verbatim and in order: %s", p).isGreaterThanOrEqualTo(0);
            at = i + p.length();
        }
    }

    @Test
    void keepsSentencesAboutTheQueryFromAReadme() {
        String readme = fixture("prose/semver_README.md");
        CompressionStore store = store();
        Compressed c = compressor.compress(readme, lossy(store, "How do tilde ranges work?"));

        assertThat(c.lossless()).as(c.note()).isFalse();
        assertThat(TokenCounters.o200k().count(c.output())).isLessThan(TokenCounters.o200k().count(readme) * 7 / 10);
        assertThat(c.output()).contains("Tilde Ranges").contains("~1.2.3");
        assertVerbatimInOrder(c.output(), readme);
        assertThat(restore(c.output(), store)).isEqualTo(readme);
    }

    @Test
    void compressesALicenceWithoutAQuery() {
        String licence = fixture("prose/apache_LICENSE-2.0.txt");
        CompressionStore store = store();
        Compressed c = compressor.compress(licence, lossy(store, ""));
        assertThat(c.lossless()).as(c.note()).isFalse();
        assertThat(c.output().length()).isLessThan(licence.length() * 7 / 10);
        assertVerbatimInOrder(c.output(), licence);
        assertThat(restore(c.output(), store)).isEqualTo(licence);
    }

    @Test
    void queryDecidesWhichParagraphsSurvive() {
        String licence = fixture("prose/apache_LICENSE-2.0.txt");
        Compressed patents = compressor.compress(licence, lossy(store(), "patent license grant litigation"));
        Compressed trademarks = compressor.compress(licence, lossy(store(), "trademarks trade names"));
        assertThat(patents.output()).contains("Grant of Patent License");
        assertThat(trademarks.output()).contains("permission to use the trade").isNotEqualTo(patents.output());
    }

    @Test
    void dropsNearDuplicateParagraphsWithAMarker() {
        String para = "The retrieval store keeps every omitted original for a day, keyed by the hash of its "
                + "content, so the model can always fetch back what was dropped from its context window.";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            text.append("Section ").append(i).append(" explains topic number ").append(i)
                    .append(" in several different words that make each paragraph unique, with detail ")
                    .append(i * 7).append(" and more detail about item ").append(i).append(".\n\n");
            if (i % 5 == 0) {
                text.append(para).append("\n\n");
            }
        }
        String input = text.toString();
        CompressionStore store = store();
        Compressed c = compressor.compress(input, new CompressionContext(
                HeadroomConfig.builder().minTokens(50).lossyMinTokens(100).build(), "", null, TokenCounters.o200k(), store));
        assertThat(c.output()).contains("(near-duplicate of paragraph 2) omitted");
        assertThat(restore(c.output(), store)).isEqualTo(input);
    }

    @Test
    void keepsHeadingsAndWholeCodeBlocks() {
        String readme = fixture("prose/charset_normalizer_README.md");
        CompressionStore store = store();
        Compressed c = compressor.compress(readme, lossy(store, "how do I install it with pip"));
        assertThat(c.lossless()).as(c.note()).isFalse();
        for (String line : readme.split("\n")) {
            if (line.startsWith("## ")) {
                assertThat(c.output()).contains(line);
            }
        }
        boolean inFence = false;
        for (String line : c.output().split("\n")) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            } else if (inFence) {
                assertThat(line).doesNotContain("; retrieve: ");
            }
        }
        assertThat(inFence).isFalse();
        assertThat(restore(c.output(), store)).isEqualTo(readme);
    }

    @Test
    void passesThroughWhenLossyIsOffOrTextIsShort() {
        String licence = fixture("prose/apache_LICENSE-2.0.txt");
        assertThat(compressor.compress(licence, CompressionContext.lossless(HeadroomConfig.defaults())).output())
                .isEqualTo(licence);
        String shortText = "Just a couple of sentences. Nothing to drop here.";
        assertThat(compressor.compress(shortText, lossy(store(), "")).output()).isEqualTo(shortText);
    }

    @Test
    void handlesCrlfText() {
        String licence = fixture("prose/apache_LICENSE-2.0.txt").replace("\n", "\r\n");
        CompressionStore store = store();
        Compressed c = compressor.compress(licence, lossy(store, "warranty disclaimer"));
        assertThat(c.lossless()).isFalse();
        assertThat(restore(c.output(), store)).isEqualTo(licence);
    }

    @Test
    void isDeterministic() {
        String readme = fixture("prose/semver_README.md");
        Compressed a = compressor.compress(readme, lossy(store(), "caret ranges"));
        Compressed b = compressor.compress(readme, lossy(store(), "caret ranges"));
        assertThat(a.output()).isEqualTo(b.output());
    }

    @Test
    void handlesAHugeSingleLineOfProse() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 3_000_000; i++) {
            sb.append("Sentence number ").append(i).append(" talks about topic ").append(i % 97).append(". ");
        }
        String text = sb.toString();
        CompressionStore store = store();
        Compressed c = compressor.compress(text, lossy(store, "topic 42"));
        assertThat(c.output().length()).isLessThan(text.length());
        assertThat(restore(c.output(), store)).isEqualTo(text);
    }

    @Test
    void binaryLookingTextIsPassedThroughOrRestorable() {
        String binary = "\0\1\2\3 ELF header \uFFFD\uFFFD ".repeat(20_000);
        CompressionStore store = store();
        Compressed c = compressor.compress(binary, lossy(store, ""));
        assertThat(restore(c.output(), store)).isEqualTo(binary);
    }
}
