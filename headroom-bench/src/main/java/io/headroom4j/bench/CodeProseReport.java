package io.headroom4j.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.code.CodeCompressor;
import io.headroom4j.compress.text.HtmlCompressor;
import io.headroom4j.compress.text.TextCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

/**
 * Prints a Markdown table of o200k tokens before and after the code, prose and HTML compressors for each
 * fixture, for docs/BENCHMARKS.md. Run from the repository root.
 */
public final class CodeProseReport {

    /** The query used for each prose/HTML fixture, as a user might ask it. */
    static final Map<String, String> QUERIES = Map.of(
            "prose/semver_README.md", "How do tilde ranges work?",
            "prose/charset_normalizer_README.md", "how do I install it with pip",
            "prose/apache_LICENSE-2.0.txt", "patent license grant and termination",
            "html/rustdoc_what-is-rustdoc.html", "how do I generate docs with cargo",
            "html/rustdoc_documentation-tests.html", "should_panic attribute");

    private CodeProseReport() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        TokenCounter o200k = TokenCounters.o200k();
        System.out.println("| Fixture | Bytes | Query | Tokens before | Tokens after | Saved |");
        System.out.println("|---|---:|---|---:|---:|---:|");
        String[] code = {"blinker_base.py", "semver_range.js", "zod_ZodError.ts", "fatih_color.go", "memchr.rs",
            "jsoup_StringUtil.java", "treesitter_tree_cursor.c", "treesitter_node_tree.cc"};
        for (String f : code) {
            row("code/" + f, "", new CodeCompressor(), o200k);
        }
        for (String f : new String[] {"prose/semver_README.md", "prose/charset_normalizer_README.md",
            "prose/apache_LICENSE-2.0.txt", "html/rustdoc_what-is-rustdoc.html",
            "html/rustdoc_documentation-tests.html"}) {
            Compressor c = f.endsWith(".html") ? new HtmlCompressor() : new TextCompressor();
            row(f, QUERIES.get(f), c, o200k);
            if (f.startsWith("prose/apache")) {
                row(f, "", c, o200k);
            }
        }
    }

    private static void row(String file, String query, Compressor compressor, TokenCounter o200k) {
        String text = Fixtures.read(file);
        CompressionContext ctx = new CompressionContext(HeadroomConfig.defaults(), query, null, o200k,
                new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30));
        Compressed c = compressor.compress(text, ctx);
        int before = o200k.count(text);
        int after = o200k.count(c.output());
        System.out.printf(Locale.ROOT, "| %s | %,d | %s | %,d | %,d | %.0f%% |%n", file, text.getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length, query.isEmpty() ? "(none)" : query, before, after,
                100.0 * (before - after) / before);
    }
}
