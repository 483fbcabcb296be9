package io.headroom4j.compress.text;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a paragraph into sentences by character scan, returning spans of the original text so that
 * every sentence can be copied out verbatim.
 *
 * <p>A sentence ends at {@code .}, {@code !}, {@code ?} or {@code …} (plus any closing quotes or
 * brackets) followed by whitespace and then an upper-case letter, a digit, an opening quote or bracket,
 * or the end of the span. A period does not end a sentence after a known abbreviation ("e.g.", "Dr.",
 * "etc.") or a single-letter initial ("J. Smith"), and "3.5" never splits because no space follows the
 * period. A line that starts a list item ("- ", "* ", "1. ") also starts a new sentence.
 */
final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "no", "nos", "fig", "figs",
            "eq", "eqs", "approx", "inc", "ltd", "co", "corp", "cf", "al", "ch", "sec", "vol", "pp", "ed", "eds",
            "a.m", "p.m", "u.s", "u.k", "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
            "nov", "dec", "mt", "ft", "resp", "incl", "esp", "viz", "ref", "refs", "op", "cit", "ibid",
            "ver", "rev", "dept", "est", "min", "max", "gen", "gov", "lt", "col", "capt", "sgt", "n.b", "ph.d");

    private SentenceSplitter() {
    }

    /**
     * Sentence spans within {@code [start, end)}: pairs of (start, end) offsets, leading and trailing
     * whitespace excluded. Never empty for a span holding non-whitespace.
     */
    static int[] split(CharSequence text, int start, int end) {
        int[] out = new int[16];
        int n = 0;
        int s = skipSpace(text, start, end);
        int i = s;
        while (i < end) {
            char c = text.charAt(i);
            if (c == '\n') {
                int next = skipSpace(text, i + 1, end);
                if (next < end && startsListItem(text, next, end) && next > s) {
                    out = push(out, n, s, trimEnd(text, s, i));
                    n += 2;
                    s = next;
                    i = next;
                    continue;
                }
                i++;
                continue;
            }
            if (c == '.' || c == '!' || c == '?' || c == '…') {
                int j = i + 1;
                while (j < end && isCloser(text.charAt(j))) {
                    j++;
                }
                if (j >= end) {
                    break;
                }
                if (!Character.isWhitespace(text.charAt(j))) {
                    i = j;
                    continue;
                }
                int next = skipSpace(text, j, end);
                if (next >= end) {
                    break;
                }
                if (startsSentence(text.charAt(next)) && !(c == '.' && abbreviation(text, s, i))) {
                    out = push(out, n, s, j);
                    n += 2;
                    s = next;
                    i = next;
                    continue;
                }
                i = j;
                continue;
            }
            i++;
        }
        int e = trimEnd(text, s, end);
        if (e > s) {
            out = push(out, n, s, e);
            n += 2;
        }
        return Arrays.copyOf(out, n);
    }

    private static int[] push(int[] out, int n, int s, int e) {
        int[] a = n + 2 > out.length ? Arrays.copyOf(out, out.length * 2) : out;
        a[n] = s;
        a[n + 1] = e;
        return a;
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || Character.isDigit(c) || c == '"' || c == '\'' || c == '(' || c == '['
                || c == '“' || c == '‘' || c == '*' || c == '_' || c == '`' || Character.isTitleCase(c)
                || Character.isLetter(c) && !Character.isLowerCase(c);
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '*' || c == '_';
    }

    static boolean startsListItem(CharSequence text, int i, int end) {
        char c = text.charAt(i);
        if ((c == '-' || c == '*' || c == '+' || c == '•') && i + 1 < end && text.charAt(i + 1) == ' ') {
            return true;
        }
        int j = i;
        while (j < end && j - i < 3 && Character.isDigit(text.charAt(j))) {
            j++;
        }
        return j > i && j + 1 < end && (text.charAt(j) == '.' || text.charAt(j) == ')') && text.charAt(j + 1) == ' ';
    }

    /** True when the word ending just before the period at {@code dot} is an abbreviation or an initial. */
    private static boolean abbreviation(CharSequence text, int sentenceStart, int dot) {
        int w = dot;
        while (w > sentenceStart && !Character.isWhitespace(text.charAt(w - 1)) && text.charAt(w - 1) != '(') {
            w--;
        }
        int len = dot - w;
        if (len == 0) {
            return false;
        }
        if (len == 1 && Character.isLetter(text.charAt(w))) {
            return true;   // an initial: "J. R. R. Tolkien"
        }
        if (len > 8) {
            return false;
        }
        return ABBREVIATIONS.contains(text.subSequence(w, dot).toString().toLowerCase(Locale.ROOT));
    }

    private static int skipSpace(CharSequence text, int i, int end) {
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(CharSequence text, int s, int e) {
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }
}
