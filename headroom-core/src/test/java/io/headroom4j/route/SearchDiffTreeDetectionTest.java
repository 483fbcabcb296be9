package io.headroom4j.route;

import static org.assertj.core.api.Assertions.assertThat;

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
}
