package io.headroom4j.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Okapi BM25 relevance of short documents (JSON items, log lines, passages) to a query.
 *
 * <p>Terms are runs of letters, digits and underscores, lower-cased; query words from a small English
 * stop list ("the", "why", "is"...) and one-character words are ignored, so a chatty question still ranks
 * by its content words. Scoring is the textbook formula with {@code k1 = 1.2}, {@code b = 0.75} and the
 * non-negative IDF {@code ln(1 + (N - n + 0.5) / (n + 0.5))}: a term found in every document still counts
 * a little, and rare terms count most. Documents are scanned once, counting only the query's terms, so
 * scoring costs one pass over the text and allocates nothing per document. Stateless and thread-safe.
 *
 * <p>See Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond" (2009).
 */
public final class Bm25 {

    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "did", "do", "does", "for",
            "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no",
            "not", "of", "on", "or", "our", "please", "show", "so", "that", "the", "their", "them", "then",
            "there", "these", "this", "those", "to", "us", "was", "we", "were", "what", "when", "where",
            "which", "who", "why", "will", "with", "would", "you", "your", "all", "any", "find", "get", "give",
            "list", "tell", "about", "there's", "what's", "let", "lets", "just", "should");

    private Bm25() {
    }

    /** The distinct content terms of {@code query}, in order of first appearance. */
    public static List<String> queryTerms(String query) {
        List<String> terms = new ArrayList<>();
        if (query == null) {
            return terms;
        }
        int n = query.length();
        int i = 0;
        while (i < n) {
            while (i < n && !isTermChar(query.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && isTermChar(query.charAt(i))) {
                i++;
            }
            if (i - start >= 2) {
                String term = query.substring(start, i).toLowerCase(Locale.ROOT);
                if (!STOP_WORDS.contains(term) && !terms.contains(term)) {
                    terms.add(term);
                }
            }
        }
        return terms;
    }

    /**
     * The BM25 score of each document for {@code query}; all zeros when the query has no content terms.
     * Scores are comparable within one call only.
     */
    public static double[] score(List<String> documents, String query) {
        int docs = documents.size();
        double[] scores = new double[docs];
        List<String> terms = queryTerms(query);
        int qn = terms.size();
        if (qn == 0 || docs == 0) {
            return scores;
        }
        Map<String, Integer> termIndex = new HashMap<>(qn * 2);
        int maxTermLength = 0;
        for (int t = 0; t < qn; t++) {
            termIndex.put(terms.get(t), t);
            maxTermLength = Math.max(maxTermLength, terms.get(t).length());
        }
        int[][] tf = new int[docs][];
        int[] lengths = new int[docs];
        int[] df = new int[qn];
        long totalLength = 0;
        char[] scratch = new char[maxTermLength];
        for (int d = 0; d < docs; d++) {
            String text = documents.get(d);
            int[] counts = null;
            int length = 0;
            int n = text.length();
            int i = 0;
            while (i < n) {
                while (i < n && !isTermChar(text.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && isTermChar(text.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    break;
                }
                length++;
                int len = i - start;
                if (len > maxTermLength || len < 2) {
                    continue;
                }
                for (int k = 0; k < len; k++) {
                    scratch[k] = Character.toLowerCase(text.charAt(start + k));
                }
                Integer t = termIndex.get(new String(scratch, 0, len));
                if (t != null) {
                    if (counts == null) {
                        counts = new int[qn];
                    }
                    if (counts[t]++ == 0) {
                        df[t]++;
                    }
                }
            }
            tf[d] = counts;
            lengths[d] = length;
            totalLength += length;
        }
        double avgLength = Math.max(1.0, (double) totalLength / docs);
        double[] idf = new double[qn];
        for (int t = 0; t < qn; t++) {
            idf[t] = Math.log(1.0 + (docs - df[t] + 0.5) / (df[t] + 0.5));
        }
        for (int d = 0; d < docs; d++) {
            int[] counts = tf[d];
            if (counts == null) {
                continue;
            }
            double norm = K1 * (1 - B + B * lengths[d] / avgLength);
            double s = 0;
            for (int t = 0; t < qn; t++) {
                int f = counts[t];
                if (f > 0) {
                    s += idf[t] * f * (K1 + 1) / (f + norm);
                }
            }
            scores[d] = s;
        }
        return scores;
    }

    private static boolean isTermChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
