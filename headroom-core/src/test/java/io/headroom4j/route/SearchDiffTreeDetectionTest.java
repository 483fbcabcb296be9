package io.headroom4j.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.headroom4j.compress.Fixtures;

final class SearchDiffTreeDetectionTest {

    private final HeuristicContentDetector detector = new HeuristicContentDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "search/grep-rn-express-function.txt", "search/grep-rn-C2-eslint-throw.txt", "search/rg-webpack-require.txt",
        "search/rg-heading-webpack-require.txt", "search/rg-color-webpack-todo.txt",
        "search/git-grep-n-core-string.txt", "search/grep-n-single-file.txt",
        "search/grep-rn-eslint-rules-context.txt"})
    void detectsSearchResults(String fixture) {
        assertThat(detector.detect(Fixtures.read(fixture))).isEqualTo(ContentType.SEARCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "diff/git-log-p.txt", "diff/git-show.txt", "diff/git-diff.txt", "diff/git-diff-U15.txt",
        "diff/diff-u-plain.txt"})
    void detectsDiffs(String fixture) {
        assertThat(detector.detect(Fixtures.read(fixture))).isEqualTo(ContentType.DIFF);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tree/npm-ls-all.txt", "tree/npm-ls-all-missing.txt", "tree/cargo-tree.txt", "tree/find-eslint.txt",
        "tree/tree-eslint.txt", "tree/ls-R-eslint.txt", "tree/tree-ascii-webpack-lib.txt",
        "tree/mvn-dependency-tree-core.txt", "tree/mvn-dependency-tree-verbose-cli-bench.txt"})
    void detectsTreeListings(String fixture) {
        assertThat(detector.detect(Fixtures.read(fixture))).isEqualTo(ContentType.TREE);
    }

    @Test
    void timestampedLogsAreNotSearchResults() {
        StringBuilder app = new StringBuilder();
        StringBuilder access = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            app.append("2026-11-24 06:12:").append(10 + i % 50).append(".123 INFO [main] c.e.OrderService - order ")
                    .append(i).append(" stored in ").append(i % 7).append("ms\n");
            access.append("10.0.0.").append(i % 9).append(" - - [24/Nov/2026:06:12:").append(10 + i % 50)
                    .append(" +0000] \"GET /api/orders/").append(i).append(" HTTP/1.1\" 200 512\n");
        }
        assertThat(detector.detect(app.toString())).isEqualTo(ContentType.LOG);
        assertThat(detector.detect(access.toString())).isEqualTo(ContentType.LOG);
    }
}
