package io.headroom4j.bench;

import java.io.IOException;
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
 * real fixture, lossless and lossy separately (default config; lossy query {@code "error handling"}). Run from
 * the repository root: {@code java -cp <bench classpath> io.headroom4j.bench.SearchDiffTreeSavings [fixturesDir]}.
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
        System.out.println("| Fixture | Tokens | Lossless saved | Lossy saved | Lossy transform |");
        System.out.println("|---|---:|---:|---:|---|");
        for (String f : FIXTURES) {
            String input = Files.readString(dir.resolve(f), StandardCharsets.UTF_8);
            Compressor c = f.startsWith("search/") ? new SearchResultCompressor()
                    : f.startsWith("diff/") ? new DiffCompressor() : new TreeCompressor();
            Compressed lossless = c.compress(input, CompressionContext.lossless(config));
            Compressed lossy = c.compress(input, new CompressionContext(config, "error handling", null, tokens,
                    new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30)));
            int before = tokens.count(input);
            System.out.printf(Locale.ROOT, "| `%s` | %,d | %.1f%% | %.1f%% | %s |%n", f, before,
                    saved(before, tokens.count(lossless.output())), saved(before, tokens.count(lossy.output())),
                    lossy.lossless() ? "(none: " + lossy.note() + ")" : lossy.transform());
        }
    }

    private static double saved(int before, int after) {
        return before == 0 ? 0 : 100.0 * (before - after) / before;
    }
}
