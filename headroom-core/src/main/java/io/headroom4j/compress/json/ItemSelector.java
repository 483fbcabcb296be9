package io.headroom4j.compress.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.headroom4j.internal.Bm25;

/**
 * Chooses which items of a long JSON array the lossy path keeps.
 *
 * <p>Kept, in this order of precedence, each without limit unless stated:
 * <ol>
 *   <li>the first {@value #FIRST} and last {@value #LAST} items, which show the shape and the end;</li>
 *   <li>every error-like item ({@link ErrorSignals}): never dropped;</li>
 *   <li>numeric outliers: for each number field, items more than 2 standard deviations from its mean,
 *       the {@value #PER_FIELD} most extreme per field ({@value #MAX_OUTLIERS} in all); fields whose values
 *       are all distinct and sorted (ids, timestamps) are skipped;</li>
 *   <li>length outliers: items whose JSON is more than 2 standard deviations longer or shorter than average,
 *       the {@value #PER_FIELD} most extreme;</li>
 *   <li>change points: where the mean of a number field over the next 5 items differs from the mean over
 *       the previous 5 by more than 2 standard deviations, the items on both sides
 *       ({@value #PER_FIELD} points per field);</li>
 *   <li>query matches: the {@value #QUERY_TOP} items with the best {@link Bm25} score for the query, if
 *       they score at least half the best; and items containing an exact identifier from the query (a word
 *       with a digit, or of 8+ characters), up to {@value #MAX_ANCHORED};</li>
 *   <li>evenly spaced samples, skipping near-duplicates (same JSON once digits are ignored), until
 *       {@value #TARGET} items are kept.</li>
 * </ol>
 * Deterministic: no randomness, ties broken by position.
 */
final class ItemSelector {

    static final int FIRST = 3;
    static final int LAST = 2;
    static final int TARGET = 15;
    static final int PER_FIELD = 3;
    static final int MAX_OUTLIERS = 10;
    static final int QUERY_TOP = 5;
    static final int MAX_ANCHORED = 10;
    /** Arrays with at most this many items are never sampled: too little to gain. */
    static final int MIN_ITEMS = TARGET + 5;

    /** Why an item was kept; the first reason that applies. */
    enum Reason { FIRST, LAST, ERROR, OUTLIER, CHANGE, QUERY, SAMPLE }

    /** The kept indices (ascending) and why each was kept. */
    record Selection(int total, int[] kept, Reason[] reasons) {
        int dropped() {
            return total - kept.length;
        }

        int count(Reason r) {
            int c = 0;
            for (Reason x : reasons) {
                if (x == r) {
                    c++;
                }
            }
            return c;
        }
    }

    private ItemSelector() {
    }

    /** The items of {@code items} to keep; {@code texts} gives their compact JSON texts. */
    static Selection select(List<JsonValue> items, ItemTexts texts, String query) {
        int n = items.size();
        Reason[] why = new Reason[n];
        for (int i = 0; i < Math.min(FIRST, n); i++) {
            why[i] = Reason.FIRST;
        }
        for (int i = Math.max(0, n - LAST); i < n; i++) {
            if (why[i] == null) {
                why[i] = Reason.LAST;
            }
        }
        // One pass over the items for everything that looks at each whole item: a large array's tree does not
        // fit the CPU caches, so three passes would fetch every item from memory three times.
        ErrorSignals errors = new ErrorSignals();
        NumberFields numbers = new NumberFields(n);
        for (int i = 0; i < n; i++) {
            JsonValue item = items.get(i);
            if (why[i] == null && errors.check(item)) {
                why[i] = Reason.ERROR;
            }
            numbers.collect(item, "", i, 0);
            texts.length(i);
        }
        numericSignals(numbers, n, why);
        lengthOutliers(texts, why);
        queryMatches(texts, query, why);
        fill(texts, why);
        int kept = 0;
        for (Reason r : why) {
            if (r != null) {
                kept++;
            }
        }
        int[] idx = new int[kept];
        Reason[] reasons = new Reason[kept];
        for (int i = 0, k = 0; i < n; i++) {
            if (why[i] != null) {
                idx[k] = i;
                reasons[k++] = why[i];
            }
        }
        return new Selection(n, idx, reasons);
    }

    /** Numeric outliers and change points, per number field (flattened path) of object items. */
    private static void numericSignals(NumberFields numbers, int n, Reason[] why) {
        Map<String, double[]> fields = numbers.fields;
        List<String> order = numbers.order;
        List<double[]> outliers = new ArrayList<>();   // {|z|, index}
        for (String path : order) {
            double[] v = fields.get(path);
            int count = 0;
            double sum = 0;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    count++;
                    sum += x;
                }
            }
            if (count < Math.max(5, n / 2)) {
                continue;
            }
            double mean = sum / count;
            double ss = 0;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    ss += (x - mean) * (x - mean);
                }
            }
            double sd = Math.sqrt(ss / (count - 1));
            if (!(sd > 0) || Double.isInfinite(sd) || isSortedDistinct(v)) {
                continue;
            }
            // outliers: the most extreme few beyond 2 sigma
            List<double[]> mine = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double x = v[i];
                if (!Double.isNaN(x) && Math.abs(x - mean) > 2 * sd) {
                    mine.add(new double[] {Math.abs(x - mean) / sd, i});
                }
            }
            mine.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
            for (int k = 0; k < Math.min(PER_FIELD, mine.size()); k++) {
                outliers.add(mine.get(k));
            }
            changePoints(v, sd, why);
        }
        outliers.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        for (int k = 0, added = 0; k < outliers.size() && added < MAX_OUTLIERS; k++) {
            int i = (int) outliers.get(k)[1];
            if (why[i] == null) {
                why[i] = Reason.OUTLIER;
                added++;
            }
        }
    }

    private static void changePoints(double[] v, double sd, Reason[] why) {
        int n = v.length;
        int w = 5;
        int found = 0;
        int lastPoint = -w - 1;
        for (int i = w; i + w <= n && found < PER_FIELD; i++) {
            double before = mean(v, i - w, i);
            double after = mean(v, i, i + w);
            if (Double.isNaN(before) || Double.isNaN(after)) {
                continue;
            }
            if (Math.abs(after - before) > 2 * sd && i - lastPoint > w) {
                if (why[i - 1] == null) {
                    why[i - 1] = Reason.CHANGE;
                }
                if (why[i] == null) {
                    why[i] = Reason.CHANGE;
                }
                lastPoint = i;
                found++;
            }
        }
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            if (Double.isNaN(v[i])) {
                return Double.NaN;
            }
            s += v[i];
        }
        return s / (to - from);
    }

    private static boolean isSortedDistinct(double[] v) {
        int dir = 0;
        double prev = Double.NaN;
        for (double x : v) {
            if (Double.isNaN(x)) {
                continue;
            }
            if (!Double.isNaN(prev)) {
                int d = Double.compare(x, prev);
                if (d == 0 || (dir != 0 && d != dir)) {
                    return false;
                }
                dir = d;
            }
            prev = x;
        }
        return true;
    }

    /**
     * Every number of the items by flattened path ({@code a.b.c}, up to 4 levels): {@code fields.get(path)[i]}
     * is item {@code i}'s number there, NaN where it has none; at most 64 paths, in {@code order} of first
     * sight.
     */
    static final class NumberFields {
        private static final int MAX_DEPTH = 4;
        final Map<String, double[]> fields = new HashMap<>();
        final List<String> order = new ArrayList<>();
        private final int n;
        /**
         * Per depth, the sub-paths and columns of the last object's keys under the last path. The reader shares
         * one key list between rows with the same keys, so a table's paths are joined and looked up once, not
         * once per row; a column, once made, never changes, and a path refused at the 64-path cap is looked up
         * again each time, as before.
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private final List<String>[] keysAt = new List[MAX_DEPTH];
        private final String[] pathAt = new String[MAX_DEPTH];
        private final String[][] subPathsAt = new String[MAX_DEPTH][];
        private final double[][][] columnsAt = new double[MAX_DEPTH][][];

        NumberFields(int n) {
            this.n = n;
        }

        void collect(JsonValue v, String path, int i, int depth) {
            if (v instanceof JsonValue.Num num) {
                double[] col = column(path);
                if (col != null) {
                    col[i] = valueOf(num);
                }
            } else if (v instanceof JsonValue.Obj o && depth < MAX_DEPTH) {
                List<String> keys = o.keys();
                List<JsonValue> values = o.values();
                if (keysAt[depth] != keys || pathAt[depth] != path) {
                    String[] subs = new String[keys.size()];
                    for (int k = 0; k < subs.length; k++) {
                        subs[k] = depth == 0 ? keys.get(k) : path + "." + keys.get(k);
                    }
                    keysAt[depth] = keys;
                    pathAt[depth] = path;
                    subPathsAt[depth] = subs;
                    columnsAt[depth] = new double[subs.length][];
                }
                String[] subs = subPathsAt[depth];
                double[][] columns = columnsAt[depth];
                for (int k = 0; k < subs.length; k++) {
                    JsonValue value = values.get(k);
                    if (value instanceof JsonValue.Num num) {
                        if (columns[k] == null) {
                            columns[k] = column(subs[k]);
                        }
                        if (columns[k] != null) {
                            columns[k][i] = valueOf(num);
                        }
                    } else if (value instanceof JsonValue.Obj) {
                        collect(value, subs[k], i, depth + 1);
                    }
                }
            }
        }

        private static double valueOf(JsonValue.Num num) {
            try {
                return toDouble(num.literal());
            } catch (NumberFormatException e) {
                return Double.NaN;   // cannot happen for a JSON number literal; leave it missing
            }
        }

        /** The column of {@code path}, made on first sight; null once 64 paths are known. */
        private double[] column(String path) {
            double[] col = fields.get(path);
            if (col == null) {
                if (fields.size() >= 64) {
                    return null;   // enough fields to find signals; bounded work on very wide items
                }
                col = new double[n];
                Arrays.fill(col, Double.NaN);
                fields.put(path, col);
                order.add(path);
            }
            return col;
        }
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    };

    /**
     * {@link Double#parseDouble} of a JSON number literal, without its general parser for the common ones: with
     * at most 15 digits and no exponent, the digits are an exact double and so is the power of ten, and one
     * correctly rounded division gives the double nearest the literal, which is what parseDouble returns
     * (Clinger's fast path); signs and {@code -0} come out the same too.
     */
    static double toDouble(String literal) {
        int n = literal.length();
        int i = 0;
        boolean negative = n > 0 && literal.charAt(0) == '-';
        if (negative) {
            i = 1;
        }
        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (; i < n; i++) {
            char c = literal.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
                if (++count > 15) {
                    return Double.parseDouble(literal);
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.parseDouble(literal);
            }
        }
        if (count == 0) {
            return Double.parseDouble(literal);
        }
        double v = fraction <= 0 ? (double) digits : digits / POWERS_OF_TEN[fraction];
        return negative ? -v : v;
    }

    private static void lengthOutliers(ItemTexts texts, Reason[] why) {
        int[] lengths = texts.lengths();
        int n = lengths.length;
        double sum = 0;
        for (int len : lengths) {
            sum += len;
        }
        double mean = sum / n;
        double ss = 0;
        for (int len : lengths) {
            ss += (len - mean) * (len - mean);
        }
        double sd = Math.sqrt(ss / Math.max(1, n - 1));
        if (!(sd > 0)) {
            return;
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double z = Math.abs(lengths[i] - mean) / sd;
            if (z > 2) {
                out.add(new double[] {z, i});
            }
        }
        out.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        for (int k = 0, added = 0; k < out.size() && added < PER_FIELD; k++) {
            int i = (int) out.get(k)[1];
            if (why[i] == null) {
                why[i] = Reason.OUTLIER;
                added++;
            }
        }
    }

    private static void queryMatches(ItemTexts itemTexts, String query, Reason[] why) {
        if (query == null || query.isBlank()) {
            return;
        }
        int n = itemTexts.size();
        List<String> terms = contentTerms(query);
        if (terms.isEmpty()) {
            return;
        }
        String[] texts = itemTexts.all();
        double[] scores = Bm25.score(Arrays.asList(texts), terms);
        double best = 0;
        for (double s : scores) {
            best = Math.max(best, s);
        }
        if (best > 0) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : a - b);
            for (int k = 0, added = 0; k < n && added < QUERY_TOP; k++) {
                int i = order[k];
                if (scores[i] < best / 2) {
                    break;
                }
                if (why[i] == null) {
                    why[i] = Reason.QUERY;
                }
                added++;
            }
        }
        List<String> anchors = new ArrayList<>();
        for (String term : terms) {
            if (term.length() >= 8 || (term.length() >= 3 && hasDigit(term))) {
                anchors.add(term);
            }
        }
        if (anchors.isEmpty()) {
            return;
        }
        for (int i = 0, added = 0; i < n && added < MAX_ANCHORED; i++) {
            if (why[i] != null) {
                continue;
            }
            String lower = texts[i].toLowerCase(Locale.ROOT);
            for (String a : anchors) {
                if (lower.contains(a)) {
                    why[i] = Reason.QUERY;
                    added++;
                    break;
                }
            }
        }
    }

    /** The query's terms without English stop words and one-letter words: "why is the login failing" ranks by login. */
    static List<String> contentTerms(String query) {
        List<String> terms = new ArrayList<>();
        for (String t : Bm25.terms(query)) {
            if (t.length() >= 2 && !STOP_WORDS.contains(t)) {
                terms.add(t);
            }
        }
        return terms;
    }

    private static final Set<String> STOP_WORDS = Set.of(
            "an", "and", "are", "as", "at", "be", "but", "by", "can", "could", "did", "do", "does", "for",
            "from", "had", "has", "have", "how", "if", "in", "into", "is", "it", "its", "me", "my", "no",
            "not", "of", "on", "or", "our", "please", "show", "so", "that", "the", "their", "them", "then",
            "there", "these", "this", "those", "to", "us", "was", "we", "were", "what", "when", "where",
            "which", "who", "why", "will", "with", "would", "you", "your", "all", "any", "find", "get", "give",
            "list", "tell", "about", "let", "lets", "just", "should", "happened", "happen");

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Evenly spaced picks among the rest, skipping near-duplicates of what is kept, up to {@link #TARGET}. */
    private static void fill(ItemTexts texts, Reason[] why) {
        int n = texts.size();
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (why[i] != null) {
                kept++;
            }
        }
        int want = TARGET - kept;
        if (want <= 0) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (why[i] != null) {
                seen.add(texts.shape(i));
            }
        }
        int rest = n - kept;
        double step = (double) rest / (want + 1);
        int restIndex = 0;
        int nextPick = 1;
        for (int i = 0; i < n && want > 0; i++) {
            if (why[i] != null) {
                continue;
            }
            restIndex++;
            if (restIndex >= Math.round(nextPick * step)) {
                if (seen.add(texts.shape(i))) {
                    why[i] = Reason.SAMPLE;
                    want--;
                    nextPick++;
                }
            }
        }
    }

    /** The text with every run of digits folded to one {@code 0}: items that differ only in numbers match. */
    static String shape(String text) {
        int n = text.length();
        char[] a = new char[n];
        text.getChars(0, n, a, 0);
        return fold(a, n);
    }

    /**
     * {@link #shape} of {@code a[0, n)}, folded in place (the result is never longer than its input), so
     * {@code a}'s contents are lost.
     */
    static String fold(char[] a, int n) {
        int k = 0;
        boolean inDigits = false;
        for (int i = 0; i < n; i++) {
            char c = a[i];
            if (c >= '0' && c <= '9') {
                if (!inDigits) {
                    a[k++] = '0';
                }
                inDigits = true;
            } else {
                a[k++] = c;
                inDigits = false;
            }
        }
        return new String(a, 0, k);
    }
}
