package io.headroom4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

final class Bm25Test {

    @Test
    void termsAreLowerCasedDistinctAndSplitAtCamelCase() {
        assertThat(Bm25.terms("Connection TIMEOUT: SQLTransientConnectionException, timeout_ms=30000"))
                .containsExactly("connection", "timeout", "sqltransient", "exception", "ms", "30000");
        assertThat(Bm25.terms(null)).isEmpty();
        assertThat(Bm25.terms(" -- ")).isEmpty();
    }

    @Test
    void nonAsciiLettersAreTokensAndCaseFoldedToo() {
        assertThat(Bm25.terms("naïveCafé ÉCOLE Größe_x2"))
                .containsExactly("naïve", "café", "école", "größe", "x2");
        double[] s = Bm25.score(List.of("die GRÖSSE", "die Größe passt", "ÉCOLE normale"), "größe école");
        assertThat(s[0]).isZero();
        assertThat(s[1]).isPositive();
        assertThat(s[2]).isPositive();
    }

    @Test
    void rarerTermsAndDenserMatchesScoreHigher() {
        List<String> docs = List.of(
                "GET /api/orders 200",
                "GET /api/orders 500 database timeout",
                "GET /api/users 200",
                "database pool resized",
                "timeout timeout timeout");
        double[] s = Bm25.score(docs, "database timeout");
        assertThat(s[0]).isZero();
        assertThat(s[2]).isZero();
        assertThat(s[1]).isGreaterThan(s[3]).isGreaterThan(0);
        assertThat(s[4]).isGreaterThan(0);
        assertThat(Bm25.countPositive(s)).isEqualTo(3);
    }

    @Test
    void bestKeepsTopScoresInOriginalOrderAndBreaksTiesByPosition() {
        double[] scores = {0.5, 0, 2.0, 1.0, 1.0, 3.0};
        assertThat(Bm25.best(scores, 3)).containsExactly(2, 3, 5);
        assertThat(Bm25.best(scores, 10)).containsExactly(0, 2, 3, 4, 5);
        assertThat(Bm25.best(scores, 0)).isEmpty();
    }

    @Test
    void emptyQueryOrDocsScoreZero() {
        assertThat(Bm25.score(List.of("a b"), "")).containsExactly(0.0);
        assertThat(Bm25.score(List.of(), "a")).isEmpty();
    }

    @Test
    void manyMatchingDocumentsGrowTheSparseTables() {
        String[] docs = new String[5000];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = "line " + i + (i % 3 == 0 ? " error" : "");
        }
        double[] s = Bm25.score(List.of(docs), "error");
        assertThat(Bm25.countPositive(s)).isEqualTo(1667);
    }
}
