package io.headroom4j.compress;

import org.junit.jupiter.api.Test;

import io.headroom4j.compress.diff.DiffCompressor;
import io.headroom4j.compress.search.SearchResultCompressor;
import io.headroom4j.compress.tree.TreeCompressor;

final class MeasureScratchTest {

    @Test
    void measure() {
        String[][] cases = {
            {"search", "search/grep-rn-express-function.txt"}, {"search", "search/grep-rn-C2-eslint-throw.txt"},
            {"search", "search/rg-webpack-require.txt"}, {"search", "search/rg-heading-webpack-require.txt"},
            {"search", "search/rg-color-webpack-todo.txt"}, {"search", "search/git-grep-n-core-string.txt"},
            {"search", "search/grep-n-single-file.txt"}, {"search", "search/grep-rn-eslint-rules-context.txt"},
            {"diff", "diff/git-log-p.txt"}, {"diff", "diff/git-show.txt"}, {"diff", "diff/git-diff.txt"},
            {"diff", "diff/git-diff-U15.txt"}, {"diff", "diff/diff-u-plain.txt"},
            {"tree", "tree/npm-ls-all.txt"}, {"tree", "tree/npm-ls-all-missing.txt"}, {"tree", "tree/cargo-tree.txt"}, {"tree", "tree/find-eslint.txt"},
            {"tree", "tree/tree-eslint.txt"}, {"tree", "tree/ls-R-eslint.txt"}, {"tree", "tree/tree-ascii-webpack-lib.txt"},
            {"tree", "tree/mvn-dependency-tree-core.txt"}, {"tree", "tree/mvn-dependency-tree-verbose-cli-bench.txt"},
        };
        for (String[] c : cases) {
            Compressor comp = switch (c[0]) {
                case "search" -> new SearchResultCompressor();
                case "diff" -> new DiffCompressor();
                default -> new TreeCompressor();
            };
            String in = Fixtures.read(c[1]);
            Compressed ll = comp.compress(in, Fixtures.lossless());
            Compressed ly = comp.compress(in, Fixtures.lossy(Fixtures.store(), "error handling"));
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/out-" + c[1].replace('/', '_')), ly.output());
                java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/outll-" + c[1].replace('/', '_')), ll.output());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            System.out.printf("%-50s lossless %5.1f%% (%s)  lossy %5.1f%% (%s) %s%n", c[1], 100 * Fixtures.saved(in, ll.output()),
                    ll.transform(), 100 * Fixtures.saved(in, ly.output()), ly.transform(), ly.note());
        }
    }
}
