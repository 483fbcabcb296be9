package io.headroom4j.internal;

import java.util.Arrays;

/**
 * Okapi BM25 relevance of text spans to a query, without building an index or allocating per token.
 *
 * <p>Terms are runs of letters and digits, lower-cased, with a trailing plural "s" dropped from words of
 * four or more letters, and a few English stop words ignored. Each term is reduced to a 64-bit hash, so
 * scoring a span only hashes its characters and probes a small table of query terms; document
 * frequencies come from the spans being scored, as each call is its own small corpus. Thread-safe:
 * everything lives on the stack of one call.
 */
public final class Bm25 {

    /** Term-frequency saturation. */
    public static final double K1 = 1.2;
    /** Length normalisation. */
    public static final double B = 0.75;

    private static final long[] STOP = hashes("a an and are as at be by for from has have how i in is it its "
            + "of on or that the this to was were what when where which who why will with you your do does "
            + "can me my we our about into there their then than so if not no");

    private Bm25() {
    }

    /** The distinct term hashes of {@code query}, stop words removed, in first-seen order. */
    public static long[] queryTerms(String query) {
        if (query == null || query.isEmpty()) {
            return new long[0];
        }
        long[] out = new long[16];
        int n = 0;
        int len = query.length();
        int i = 0;
        while (i < len) {
            char c = query.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < len && Character.isLetterOrDigit(query.charAt(i))) {
                i++;
            }
            long h = hash(query, start, i);
            if (contains(STOP, STOP.length, h) || contains(out, n, h)) {
                continue;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = h;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * BM25 score of each span {@code [starts[d], ends[d])} of {@code text} against {@code queryTerms};
     * all zeros when there are no query terms.
     */
    public static double[] score(CharSequence text, int[] starts, int[] ends, long[] queryTerms) {
        int docs = starts.length;
        double[] scores = new double[docs];
        int q = queryTerms.length;
        if (q == 0 || docs == 0) {
            return scores;
        }
        int[] tf = new int[docs * q];
        int[] docLen = new int[docs];
        long totalLen = 0;
        for (int d = 0; d < docs; d++) {
            int i = starts[d];
            int end = ends[d];
            int terms = 0;
            while (i < end) {
                if (!Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                    continue;
                }
                int s = i;
                while (i < end && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                terms++;
                long h = hash(text, s, i);
                for (int t = 0; t < q; t++) {
                    if (queryTerms[t] == h) {
                        tf[d * q + t]++;
                        break;
                    }
                }
            }
            docLen[d] = terms;
            totalLen += terms;
        }
        double avg = Math.max(1.0, (double) totalLen / docs);
        for (int t = 0; t < q; t++) {
            int df = 0;
            for (int d = 0; d < docs; d++) {
                if (tf[d * q + t] > 0) {
                    df++;
                }
            }
            if (df == 0) {
                continue;
            }
            double idf = Math.log(1.0 + (docs - df + 0.5) / (df + 0.5));
            for (int d = 0; d < docs; d++) {
                int f = tf[d * q + t];
                if (f > 0) {
                    scores[d] += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * docLen[d] / avg));
                }
            }
        }
        return scores;
    }

    /** FNV-1a over the lower-cased term, with a trailing plural "s" dropped from terms of four or more chars. */
    static long hash(CharSequence s, int start, int end) {
        if (end - start >= 4 && Character.toLowerCase(s.charAt(end - 1)) == 's'
                && Character.toLowerCase(s.charAt(end - 2)) != 's') {
            end--;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = start; i < end; i++) {
            h ^= Character.toLowerCase(s.charAt(i));
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static boolean contains(long[] a, int n, long v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    private static long[] hashes(String words) {
        String[] w = words.split(" ");
        long[] out = new long[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = hash(w[i], 0, w[i].length());
        }
        return out;
    }
}
