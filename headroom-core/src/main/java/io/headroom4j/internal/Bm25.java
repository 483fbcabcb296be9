package io.headroom4j.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Okapi BM25 relevance of short documents (lines, JSON items, paragraphs) to a keyword query. Stateless
 * and thread-safe; deterministic.
 *
 * <p>Tokens are maximal runs of letters and digits, lower-cased, also split where a lower-case letter or
 * digit is followed by an upper-case one, so {@code TimeoutException} yields {@code timeout} and
 * {@code exception}. Only query terms are counted: a document is scanned once, hashing each token as it
 * goes and comparing it with the (few) query terms, so nothing is allocated per token. Scoring follows
 * Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond" (2009), with
 * {@code k1 = 1.2}, {@code b = 0.75} and Lucene's always-positive idf {@code ln(1 + (N - df + 0.5) / (df + 0.5))}.
 */
public final class Bm25 {

    /** Term-frequency saturation. */
    public static final double K1 = 1.2;
    /** Length normalisation. */
    public static final double B = 0.75;
    /** Query terms beyond this many are ignored. */
    public static final int MAX_QUERY_TERMS = 64;

    // Character classes of ASCII, so the common case costs one array load per char instead of several
    // Character.isXxx calls (those stay for the rest of Unicode).
    private static final byte ALNUM = 1;
    private static final byte UPPER = 2;
    private static final byte LOWER_OR_DIGIT = 4;
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII[c] = ALNUM | LOWER_OR_DIGIT;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII[c] = ALNUM | LOWER_OR_DIGIT;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            ASCII[c] = ALNUM | UPPER;
        }
    }

    private Bm25() {
    }

    private static boolean isAlnum(char c) {
        return c < 128 ? (ASCII[c] & ALNUM) != 0 : Character.isLetterOrDigit(c);
    }

    private static char lower(char c) {
        return c < 128 ? ((ASCII[c] & UPPER) != 0 ? (char) (c | 0x20) : c) : Character.toLowerCase(c);
    }

    /** The distinct tokens of {@code text}, lower-cased, in order of first appearance; empty for null. */
    public static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !isAlnum(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int end = tokenEnd(text, i, n);
            StringBuilder sb = new StringBuilder(end - i);
            for (int j = i; j < end; j++) {
                sb.append(lower(text.charAt(j)));
            }
            String t = sb.toString();
            if (!out.contains(t) && out.size() < MAX_QUERY_TERMS) {
                out.add(t);
            }
            i = end;
        }
        return out;
    }

    /** BM25 score of each document for {@code query}; 0 for documents sharing no term with it. */
    public static double[] score(List<? extends CharSequence> docs, String query) {
        return score(docs, terms(query));
    }

    /**
     * BM25 score of each document for the given lower-case {@code queryTerms} (as {@link #terms} makes
     * them); 0 for documents sharing no term.
     */
    public static double[] score(List<? extends CharSequence> docs, List<String> queryTerms) {
        int nDocs = docs.size();
        double[] scores = new double[nDocs];
        int q = Math.min(queryTerms.size(), MAX_QUERY_TERMS);
        if (nDocs == 0 || q == 0) {
            return scores;
        }
        String[] terms = new String[q];
        int[] termHash = new int[q];
        for (int t = 0; t < q; t++) {
            terms[t] = queryTerms.get(t);
            termHash[t] = terms[t].hashCode();
        }
        int[] lengths = new int[nDocs];
        int[] df = new int[q];
        // Sparse term frequencies: only documents with at least one query term are kept.
        int[] matchedDocs = new int[Math.min(nDocs, 1024)];
        int[] tfs = new int[matchedDocs.length * q];
        int matched = 0;
        int[] tf = new int[q];
        long totalLength = 0;
        for (int d = 0; d < nDocs; d++) {
            CharSequence doc = docs.get(d);
            Arrays.fill(tf, 0);
            int len = countTokens(doc, terms, termHash, tf);
            lengths[d] = len;
            totalLength += len;
            boolean any = false;
            for (int t = 0; t < q; t++) {
                if (tf[t] > 0) {
                    df[t]++;
                    any = true;
                }
            }
            if (any) {
                if (matched == matchedDocs.length) {
                    matchedDocs = Arrays.copyOf(matchedDocs, matched * 2);
                    tfs = Arrays.copyOf(tfs, matchedDocs.length * q);
                }
                matchedDocs[matched] = d;
                System.arraycopy(tf, 0, tfs, matched * q, q);
                matched++;
            }
        }
        double avgLength = Math.max(1.0, (double) totalLength / nDocs);
        double[] idf = new double[q];
        for (int t = 0; t < q; t++) {
            idf[t] = Math.log(1.0 + (nDocs - df[t] + 0.5) / (df[t] + 0.5));
        }
        for (int m = 0; m < matched; m++) {
            int d = matchedDocs[m];
            double norm = K1 * (1.0 - B + B * lengths[d] / avgLength);
            double s = 0.0;
            for (int t = 0; t < q; t++) {
                int f = tfs[m * q + t];
                if (f > 0) {
                    s += idf[t] * (f * (K1 + 1.0)) / (f + norm);
                }
            }
            scores[d] = s;
        }
        return scores;
    }

    /**
     * Indexes of the at most {@code limit} best-scoring documents with a positive score, in ascending
     * (original) order. Ties go to the earlier document, so the choice is deterministic.
     */
    public static int[] best(double[] scores, int limit) {
        int positive = 0;
        for (double s : scores) {
            if (s > 0) {
                positive++;
            }
        }
        int[] idx = new int[positive];
        int k = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > 0) {
                idx[k++] = i;
            }
        }
        if (positive > limit) {
            Integer[] boxed = new Integer[positive];
            for (int i = 0; i < positive; i++) {
                boxed[i] = idx[i];
            }
            // Stable sort by score descending keeps earlier documents first among equals.
            Arrays.sort(boxed, (a, b) -> Double.compare(scores[b], scores[a]));
            idx = new int[Math.max(0, limit)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = boxed[i];
            }
            Arrays.sort(idx);
        }
        return idx;
    }

    /** Number of positive scores. */
    public static int countPositive(double[] scores) {
        int n = 0;
        for (double s : scores) {
            if (s > 0) {
                n++;
            }
        }
        return n;
    }

    private static int countTokens(CharSequence doc, String[] terms, int[] termHash, int[] tf) {
        int n = doc.length();
        int tokens = 0;
        int i = 0;
        while (i < n) {
            if (!isAlnum(doc.charAt(i))) {
                i++;
                continue;
            }
            int end = tokenEnd(doc, i, n);
            tokens++;
            int h = 0;
            for (int j = i; j < end; j++) {
                h = 31 * h + lower(doc.charAt(j));
            }
            int len = end - i;
            for (int t = 0; t < terms.length; t++) {
                if (termHash[t] == h && terms[t].length() == len && sameLowerCase(doc, i, terms[t])) {
                    tf[t]++;
                    break;
                }
            }
            i = end;
        }
        return tokens;
    }

    private static boolean sameLowerCase(CharSequence doc, int start, String term) {
        for (int j = 0; j < term.length(); j++) {
            if (lower(doc.charAt(start + j)) != term.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** End of the token starting at {@code start}: letters and digits, split before a lower-to-upper step. */
    private static int tokenEnd(CharSequence s, int start, int n) {
        int i = start + 1;
        char prev = s.charAt(start);
        while (i < n) {
            char c = s.charAt(i);
            if (c < 128 && prev < 128) {
                byte k = ASCII[c];
                if ((k & ALNUM) == 0 || (k & UPPER) != 0 && (ASCII[prev] & LOWER_OR_DIGIT) != 0) {
                    break;
                }
            } else {
                if (!Character.isLetterOrDigit(c)) {
                    break;
                }
                if (Character.isUpperCase(c) && (Character.isLowerCase(prev) || Character.isDigit(prev))) {
                    break;
                }
            }
            prev = c;
            i++;
        }
        return i;
    }
}
