package io.headroom4j.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Okapi BM25 relevance of short documents (files, lines, items) to a keyword query. Stateless, thread-safe
 * and deterministic.
 *
 * <p>Tokens are maximal runs of letters and digits, lower-cased, also split where a lower-case letter or
 * digit meets an upper-case one, so {@code TimeoutException} yields {@code timeout} and {@code exception}.
 * Scoring follows Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond" (2009),
 * with {@code k1 = 1.2}, {@code b = 0.75} and Lucene's always-positive idf
 * {@code ln(1 + (N - df + 0.5) / (df + 0.5))}.
 */
public final class Bm25 {

    /** Term-frequency saturation. */
    public static final double K1 = 1.2;
    /** Length normalisation. */
    public static final double B = 0.75;
    /** Query terms beyond this many are ignored. */
    public static final int MAX_QUERY_TERMS = 64;

    private Bm25() {
    }

    /** The distinct tokens of {@code text}, lower-cased, in order of first appearance; empty for null. */
    public static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int n = text.length();
        int i = 0;
        while (i < n && out.size() < MAX_QUERY_TERMS) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int end = tokenEnd(text, i, n);
            String t = lower(text, i, end);
            if (!out.contains(t)) {
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

    /** BM25 score of each document for lower-case {@code queryTerms}, as {@link #terms} makes them. */
    public static double[] score(List<? extends CharSequence> docs, List<String> queryTerms) {
        int nDocs = docs.size();
        double[] scores = new double[nDocs];
        int q = Math.min(queryTerms.size(), MAX_QUERY_TERMS);
        if (nDocs == 0 || q == 0) {
            return scores;
        }
        int[][] tf = new int[nDocs][q];
        int[] lengths = new int[nDocs];
        int[] df = new int[q];
        long totalLength = 0;
        for (int d = 0; d < nDocs; d++) {
            CharSequence doc = docs.get(d);
            int n = doc.length();
            int i = 0;
            int len = 0;
            while (i < n) {
                while (i < n && !Character.isLetterOrDigit(doc.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                int end = tokenEnd(doc, i, n);
                len++;
                for (int t = 0; t < q; t++) {
                    if (equalsLower(doc, i, end, queryTerms.get(t))) {
                        tf[d][t]++;
                    }
                }
                i = end;
            }
            lengths[d] = len;
            totalLength += len;
            for (int t = 0; t < q; t++) {
                if (tf[d][t] > 0) {
                    df[t]++;
                }
            }
        }
        double avg = Math.max(1.0, (double) totalLength / nDocs);
        for (int t = 0; t < q; t++) {
            if (df[t] == 0) {
                continue;
            }
            double idf = Math.log(1.0 + (nDocs - df[t] + 0.5) / (df[t] + 0.5));
            for (int d = 0; d < nDocs; d++) {
                int f = tf[d][t];
                if (f > 0) {
                    double norm = K1 * (1 - B + B * lengths[d] / avg);
                    scores[d] += idf * f * (K1 + 1) / (f + norm);
                }
            }
        }
        return scores;
    }

    private static int tokenEnd(CharSequence s, int start, int n) {
        int i = start + 1;
        while (i < n) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                break;
            }
            char prev = s.charAt(i - 1);
            if (Character.isUpperCase(c) && (Character.isLowerCase(prev) || Character.isDigit(prev))) {
                break;
            }
            i++;
        }
        return i;
    }

    private static String lower(CharSequence s, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int j = from; j < to; j++) {
            sb.append(Character.toLowerCase(s.charAt(j)));
        }
        return sb.toString();
    }

    private static boolean equalsLower(CharSequence s, int from, int to, String term) {
        if (to - from != term.length()) {
            return false;
        }
        for (int j = from; j < to; j++) {
            if (Character.toLowerCase(s.charAt(j)) != term.charAt(j - from)) {
                return false;
            }
        }
        return true;
    }
}
