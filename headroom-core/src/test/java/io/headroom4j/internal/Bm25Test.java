package io.headroom4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

final class Bm25Test {

    @Test
    void ranksTheSpanWithRareQueryTermsFirst() {
        String text = "the cat sat on the mat|dogs chase cats in the park|the weather is fine today";
        int[] starts = {0, 23, 51};
        int[] ends = {22, 50, text.length()};
        double[] s = Bm25.score(text, starts, ends, Bm25.queryTerms("Where do dogs chase cats?"));
        assertThat(s[1]).isGreaterThan(s[0]);
        assertThat(s[0]).isGreaterThan(s[2]);   // "cat" matches "cats" after plural folding
        assertThat(s[2]).isZero();
    }

    @Test
    void stopWordsAndEmptyQueriesScoreNothing() {
        assertThat(Bm25.queryTerms("the and of")).isEmpty();
        assertThat(Bm25.score("abc", new int[] {0}, new int[] {3}, Bm25.queryTerms(""))).containsExactly(0.0);
    }

    @Property(tries = 300)
    void scoresAreFiniteAndNonNegativeForAnyText(@ForAll String text, @ForAll String query) {
        int mid = text.length() / 2;
        double[] s = Bm25.score(text, new int[] {0, mid}, new int[] {mid, text.length()}, Bm25.queryTerms(query));
        for (double v : s) {
            assertThat(v).isFinite().isGreaterThanOrEqualTo(0.0);
        }
    }
}
