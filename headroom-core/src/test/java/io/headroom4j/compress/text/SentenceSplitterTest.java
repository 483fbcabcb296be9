package io.headroom4j.compress.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

final class SentenceSplitterTest {

    static List<String> sentences(String text) {
        int[] spans = SentenceSplitter.split(text, 0, text.length());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < spans.length; i += 2) {
            out.add(text.substring(spans[i], spans[i + 1]));
        }
        return out;
    }

    @Test
    void splitsAtSentenceEnds() {
        assertThat(sentences("One sentence. Another one! A third? Yes."))
                .containsExactly("One sentence.", "Another one!", "A third?", "Yes.");
    }

    @Test
    void doesNotSplitAbbreviationsDecimalsOrInitials() {
        assertThat(sentences("Use a parser, e.g. Jackson, for JSON. Version 3.5 is out. Dr. Smith and J. R. R. "
                + "Tolkien met at 3 p.m. Monday. It costs approx. 5 dollars, i.e. cheap."))
                .containsExactly("Use a parser, e.g. Jackson, for JSON.", "Version 3.5 is out.",
                        "Dr. Smith and J. R. R. Tolkien met at 3 p.m. Monday.",
                        "It costs approx. 5 dollars, i.e. cheap.");
    }

    @Test
    void keepsClosingQuotesAndBracketsWithTheSentence() {
        assertThat(sentences("He said \"stop.\" Then he left. (This was odd.) Fine."))
                .containsExactly("He said \"stop.\"", "Then he left.", "(This was odd.)", "Fine.");
    }

    @Test
    void lowerCaseAfterPeriodDoesNotSplit() {
        assertThat(sentences("See the file foo.txt. and more text here."))
                .containsExactly("See the file foo.txt. and more text here.");
    }

    @Test
    void listItemsStartNewSentences() {
        assertThat(sentences("- first item\n- second item\n  continues here\n1. numbered"))
                .containsExactly("- first item", "- second item\n  continues here", "1. numbered");
    }

    @Test
    void spansAreVerbatimWithCrlfAndUnicode() {
        String text = "Ünïcode works. Ça va?\r\nNext line… Done.";
        assertThat(sentences(text)).containsExactly("Ünïcode works.", "Ça va?", "Next line…", "Done.");
    }
}
