package io.headroom4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.diff.DiffCompressor;
import io.headroom4j.compress.search.SearchResultCompressor;
import io.headroom4j.compress.tree.TreeCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

/**
 * Prints, as a Markdown table, the o200k_base tokens saved by the search, diff and tree compressors on each
 * real fixture, lossless and lossy separately (default config; lossy query {@code "error handling"}), and the
 * throughput of each in MB of input per second of the compressing thread's CPU time. CPU time, unlike wall
 * time, is not inflated when other processes share the cores; {@link SearchDiffTreeBenchmark} gives JMH's
 * wall-clock view. Run from the repository root:
 * {@code java -cp <bench classpath> io.headroom4j.bench.SearchDiffTreeSavings [fixturesDir]}.
 */
public final class SearchDiffTreeSavings {

    private static final String[] FIXTURES = {
        "search/grep-rn-express-function.txt", "search/grep-rn-C2-eslint-throw.txt", "search/rg-webpack-require.txt",
        "search/rg-heading-webpack-require.txt", "search/rg-color-webpack-todo.txt",
        "search/git-grep-n-core-string.txt", "search/grep-n-single-file.txt",
        "search/grep-rn-eslint-rules-context.txt",
        "diff/git-log-p.txt", "diff/git-show.txt", "diff/git-diff.txt", "diff/git-diff-U15.txt",
        "diff/diff-u-plain.txt",
        "tree/npm-ls-all.txt", "tree/npm-ls-all-missing.txt", "tree/cargo-tree.txt", "tree/find-eslint.txt",
        "tree/tree-eslint.txt", "tree/ls-R-eslint.txt", "tree/tree-ascii-webpack-lib.txt",
        "tree/mvn-dependency-tree-core.txt", "tree/mvn-dependency-tree-verbose-cli-bench.txt",
    };

    private SearchDiffTreeSavings() {
    }

    /** Prints the table. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "headroom-core/src/test/resources/fixtures");
        TokenCounter tokens = TokenCounters.o200k();
        HeadroomConfig config = HeadroomConfig.defaults();
        System.out.println("| Fixture | Tokens | Lossless saved | Lossy saved | Lossy transform | Lossless MB/s "
                + "| Lossy MB/s | Lossy MB/s, count unknown |");
        System.out.println("|---|---:|---:|---:|---|---:|---:|---:|");
        for (String f : FIXTURES) {
            String input = Files.readString(dir.resolve(f), StandardCharsets.UTF_8);
            Compressor c = f.startsWith("search/") ? new SearchResultCompressor()
                    : f.startsWith("diff/") ? new DiffCompressor() : new TreeCompressor();
            CompressionContext losslessContext = CompressionContext.lossless(config);
            CompressionContext lossyContext = new CompressionContext(config, "error handling", null, tokens,
                    new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30));
            int before = tokens.count(input);
            // The pipeline (Headroom, MessageCompressor) counts every piece before compressing it and passes
            // the count on; the last column shows a compressor called without it, deciding on its own.
            CompressionContext counted = lossyContext.withCounted(input, before);
            Compressed lossless = c.compress(input, losslessContext);
            Compressed lossy = c.compress(input, counted);
            double bytes = input.getBytes(StandardCharsets.UTF_8).length;
            System.out.printf(Locale.ROOT, "| `%s` | %,d | %.1f%% | %.1f%% | %s | %.0f | %.0f | %.0f |%n", f, before,
                    saved(before, tokens.count(lossless.output())), saved(before, tokens.count(lossy.output())),
                    lossy.lossless() ? "(none: " + lossy.note() + ")" : lossy.transform(),
                    bytes / cpuSecondsPerOp(c, input, losslessContext) / 1e6,
                    bytes / cpuSecondsPerOp(c, input, counted) / 1e6,
                    bytes / cpuSecondsPerOp(c, input, lossyContext) / 1e6);
        }
    }

    /**
     * Mean CPU seconds of this thread per call over about half a CPU second, after as long a warm-up: 30 calls
     * left small inputs' rows measuring the JIT's work (a count-unknown row read 6-9 MB/s, 43-52 once compiled).
     */
    private static double cpuSecondsPerOp(Compressor c, String input, CompressionContext context) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long warm = mx.getCurrentThreadCpuTime();
        while (mx.getCurrentThreadCpuTime() - warm < 500_000_000L) {
            c.compress(input, context);
        }
        long start = mx.getCurrentThreadCpuTime();
        int n = 0;
        while (mx.getCurrentThreadCpuTime() - start < 500_000_000L) {
            c.compress(input, context);
            n++;
        }
        return (mx.getCurrentThreadCpuTime() - start) / 1e9 / n;
    }

    private static double saved(int before, int after) {
        return before == 0 ? 0 : 100.0 * (before - after) / before;
    }
}
