package io.headroom4j.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class Bm25Test {

    @Test
    void ranksTheDocumentWithTheRareQueryTermFirst() {
        List<String> docs = List.of(
                "{\"title\":\"Add dark mode\",\"state\":\"open\"}",
                "{\"title\":\"Crash in OAuth login flow\",\"state\":\"open\"}",
                "{\"title\":\"Update README\",\"state\":\"open\"}");
        double[] s = Bm25.score(docs, "Why does the oauth login crash?");
        assertThat(s[1]).isGreaterThan(0);
        assertThat(s[0]).isZero();
        assertThat(s[2]).isZero();
    }

    @Test
    void ignoresStopWordsAndCase() {
        assertThat(Bm25.queryTerms("What is THE status of PR 1234?")).containsExactly("status", "pr", "1234");
    }

    @Test
    void emptyQueryScoresNothing() {
        assertThat(Bm25.score(List.of("a b c"), "  the ?")).containsExactly(0.0);
    }

    @Test
    void shorterDocumentWinsAtEqualTermFrequency() {
        double[] s = Bm25.score(List.of("timeout", "timeout and many other words here too", "nothing"), "timeout");
        assertThat(s[0]).isGreaterThan(s[1]);
    }
}
