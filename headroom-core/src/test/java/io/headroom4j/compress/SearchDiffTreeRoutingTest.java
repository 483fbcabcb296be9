package io.headroom4j.compress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;

final class SearchDiffTreeRoutingTest {

    private final ContentRouter router = DefaultCompressors.router(HeadroomConfig.defaults());

    @ParameterizedTest
    @CsvSource({
        "search/grep-rn-eslint-rules-context.txt, SEARCH, search.group, search.select",
        "diff/git-diff.txt, DIFF, diff.fold, diff.trim",
        "tree/npm-ls-all.txt, TREE, tree.paths, tree.select",
        "tree/find-eslint.txt, TREE, tree.paths, tree.select"})
    void routesRealOutputToItsCompressorDeterministically(String fixture, ContentType type, String lossless,
                                                          String lossy) {
        String input = Fixtures.read(fixture);
        ContentRouter.Routed first = router.route(input, Fixtures.lossy(Fixtures.store(), "error handling"));
        ContentRouter.Routed second = router.route(input, Fixtures.lossy(Fixtures.store(), "error handling"));
        assertThat(first.type()).isEqualTo(type);
        assertThat(first.compressed().transform()).isEqualTo(lossy);
        assertThat(second.compressed().output()).isEqualTo(first.compressed().output());
        assertThat(router.route(input, Fixtures.lossless()).compressed().transform()).isEqualTo(lossless);
    }
}
