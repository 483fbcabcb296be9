package io.headroom4j.compress.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

final class CodeCompressorTest {

    private static final Pattern MARKER_LINE = Pattern.compile(
            "(?m)^[ \\t]*(#|//) \\[lines ([\\d,]+)-([\\d,]+): [^\\n]*?omitted; retrieve: ([0-9a-f]{24})]\\r?$");

    private final CodeCompressor compressor = new CodeCompressor();

    static String fixture(String name) {
        try (InputStream in = CodeCompressorTest.class.getResourceAsStream("/fixtures/code/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompressionContext lossy(CompressionStore store, String query, String tool) {
        return new CompressionContext(HeadroomConfig.defaults(), query, tool, TokenCounters.o200k(), store);
    }

    static CompressionStore store() {
        return new InMemoryCompressionStore(Duration.ofHours(1), 1L << 28);
    }

    /** Replaces every marker line with what its key retrieves. */
    static String restore(String output, CompressionStore store) {
        Matcher m = MARKER_LINE.matcher(output);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String line = m.group();
            int cut = line.endsWith("\r") ? 1 : 0;
            sb.append(output, last, m.start()).append(store.get(m.group(4)).orElseThrow());
            sb.append(line, line.length() - cut, line.length());
            last = m.end();
        }
        return sb.append(output.substring(last)).toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "blinker_base.py, python, 0.8",
        "semver_range.js, javascript, 0.8",
        "zod_ZodError.ts, typescript, 0.9",
        "fatih_color.go, go, 0.97",
        "memchr.rs, rust, 0.8",
        "jsoup_StringUtil.java, java, 0.8",
        "treesitter_tree_cursor.c, c, 0.8",
        "treesitter_node_tree.cc, cpp, 0.8"})
    void reducesRealSourceToSignaturesAndRestoresExactly(String file, String language, double maxRatio) {
        String source = fixture(file);
        CompressionStore store = store();
        Compressed c = compressor.compress(source, lossy(store, "", null));

        assertThat(c.lossless()).as(c.note()).isFalse();
        assertThat(c.note()).startsWith(language + ":");
        assertThat(TokenCounters.o200k().count(c.output()))
                .isLessThan((int) (TokenCounters.o200k().count(source) * maxRatio));
        assertThat(restore(c.output(), store)).isEqualTo(source);
        assertThat(c.retrievalKeys()).isNotEmpty();
        // Every non-marker output line is an input line, in order.
        List<String> in = source.lines().toList();
        int at = 0;
        for (String line : c.output().lines().toList()) {
            if (MARKER_LINE.matcher(line).matches()) {
                continue;
            }
            while (at < in.size() && !in.get(at).equals(line)) {
                at++;
            }
            assertThat(at).as("line kept in order: %s", line).isLessThan(in.size());
            at++;
        }
    }

    @Test
    void markerRangesPointAtTheOriginalLines() {
        String source = fixture("blinker_base.py");
        CompressionStore store = store();
        Compressed c = compressor.compress(source, lossy(store, "", null));
        List<String> in = source.lines().toList();
        Matcher m = MARKER_LINE.matcher(c.output());
        int markers = 0;
        while (m.find()) {
            int first = Integer.parseInt(m.group(2).replace(",", ""));
            int last = Integer.parseInt(m.group(3).replace(",", ""));
            String expected = String.join("\n", in.subList(first - 1, last));
            assertThat(store.get(m.group(4))).contains(expected);
            markers++;
        }
        assertThat(markers).isGreaterThan(5);
    }

    @Test
    void keepsSignaturesImportsAndFirstDocstringLine() {
        String source = fixture("blinker_base.py");
        Compressed c = compressor.compress(source, lossy(store(), "", null));
        assertThat(c.output())
                .contains("from __future__ import annotations")
                .contains("class Signal:")
                .contains("    def connect(")
                .contains("omitted; retrieve: ");
        assertThat(c.output()).contains("body of connect()");
    }

    @Test
    void namesJavaMethodsAndCFunctionsInMarkers() {
        Compressed java = compressor.compress(fixture("jsoup_StringUtil.java"), lossy(store(), "", null));
        assertThat(java.output()).contains("body of padding()").contains("public static String padding(int width");
        Compressed c = compressor.compress(fixture("treesitter_tree_cursor.c"), lossy(store(), "", null));
        assertThat(c.output()).contains("body of ts_tree_cursor_goto_first_child()");
    }

    @Test
    void leavesCodeWhenTheUserAsksToFixIt() {
        String source = fixture("fatih_color.go");
        Compressed c = compressor.compress(source, lossy(store(), "Can you fix the bug in Color.Set?", null));
        assertThat(c.output()).isEqualTo(source);
        assertThat(c.note()).contains("work on the code");
    }

    @Test
    void queryIntentCheckSeparatesEditingFromReading() {
        assertThat(CodeCompressor.queryWantsFullCode("please review this function")).isTrue();
        assertThat(CodeCompressor.queryWantsFullCode("Debug the failing test")).isTrue();
        assertThat(CodeCompressor.queryWantsFullCode("refactor parse() to use a loop")).isTrue();
        assertThat(CodeCompressor.queryWantsFullCode("why does line 42 throw?")).isTrue();
        assertThat(CodeCompressor.queryWantsFullCode("what modules does this project have?")).isFalse();
        assertThat(CodeCompressor.queryWantsFullCode("where is the config loaded")).isFalse();
        assertThat(CodeCompressor.queryWantsFullCode("")).isFalse();
        assertThat(CodeCompressor.queryWantsFullCode(null)).isFalse();
    }

    @Test
    void passesThroughInLosslessMode() {
        String source = fixture("memchr.rs");
        CompressionContext ctx = new CompressionContext(HeadroomConfig.builder().lossless(true).build(), "", null,
                TokenCounters.o200k(), store());
        assertThat(compressor.compress(source, ctx).output()).isEqualTo(source);
        assertThat(compressor.compress(source, CompressionContext.lossless(HeadroomConfig.defaults())).output())
                .isEqualTo(source);
    }

    @Test
    void usesThePathInTheToolNameOrHeader() {
        String source = fixture("zod_ZodError.ts");
        Compressed byHeader = compressor.compress("==> src/ZodError.ts <==\n" + source, lossy(store(), "", null));
        assertThat(byHeader.note()).startsWith("typescript:");
        Compressed byTool = compressor.compress(source, lossy(store(), "", "src/ZodError.ts"));
        assertThat(byTool.note()).startsWith("typescript:");
    }

    @Test
    void keepsCrlfLineEndingsAndRestoresExactly() {
        String source = fixture("jsoup_StringUtil.java").replace("\n", "\r\n");
        CompressionStore store = store();
        Compressed c = compressor.compress(source, lossy(store, "", null));
        assertThat(c.lossless()).isFalse();
        assertThat(c.output()).doesNotContain("\r\r").doesNotContainPattern("[^\\r]\\n");
        assertThat(restore(c.output(), store)).isEqualTo(source);
    }

    @Test
    void passesThroughProseAndBinary() {
        String prose = "This is not code. It is a paragraph of text that talks about things. ".repeat(400);
        assertThat(compressor.compress(prose, lossy(store(), "", null)).output()).isEqualTo(prose);
        String binary = "\0\1\2ELF".repeat(5000);
        assertThat(compressor.compress(binary, lossy(store(), "", null)).output()).isEqualTo(binary);
    }

    @Test
    void passesThroughShortCode() {
        String source = "def f(x):\n    return x + 1\n";
        assertThat(compressor.compress(source, lossy(store(), "", null)).output()).isEqualTo(source);
    }

    @Test
    void passesThroughMinifiedSingleLineCode() {
        String minified = "function f(a){return a+1}var x=[1,2,3].map(function(v){return f(v)*2});".repeat(20_000);
        Compressed c = compressor.compress(minified, lossy(store(), "", "bundle.min.js"));
        assertThat(c.output()).isEqualTo(minified);
    }

    @Test
    void passesThroughHugeInputWithAReason() {
        String huge = "x = 1\n".repeat(2_000_000);
        Compressed c = compressor.compress(huge, lossy(store(), "", null));
        assertThat(c.output()).isSameAs(huge);
        assertThat(c.note()).startsWith("over ");
    }
}
