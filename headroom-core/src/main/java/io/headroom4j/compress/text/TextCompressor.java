package io.headroom4j.compress.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.LossyGuard;
import io.headroom4j.compress.Markers;
import io.headroom4j.internal.Bm25;

/**
 * Query-aware extractive compression of prose, documents and retrieved passages: keeps the sentences most
 * relevant to the user's question, verbatim and in their original order, and replaces the rest with
 * markers whose keys bring the exact text back.
 *
 * <p>What callers can rely on:
 * <ul>
 *   <li>No sentence is ever rewritten: the output is the input's own text spans (sentences, list items,
 *       whole headings, code blocks and tables, and the whitespace between them) in order, plus markers
 *       {@code [3 sentences omitted; retrieve: <key>]}, {@code [paragraphs 5-9 omitted; retrieve: <key>]}
 *       or {@code [paragraph 7 (near-duplicate of paragraph 3) omitted; retrieve: <key>]}. Each key
 *       retrieves exactly the text its marker stands for.</li>
 *   <li>Headings are always kept. Code blocks and tables are kept or dropped whole.</li>
 *   <li>Lossy only: with {@link CompressionContext#allowsLossy()} false, or under
 *       {@code lossyMinTokens}, the input comes back unchanged. Deterministic for a given input, query and
 *       config (the optional neural scorer is the documented exception: when it times out, BM25 is
 *       used for that call).</li>
 * </ul>
 * Thread-safe and stateless.
 */
public final class TextCompressor implements Compressor {

    /*
     * Algorithm. (1) Blocks: the text is cut into blocks at blank lines; fenced code blocks span blank
     * lines, and a heading line is its own block. (2) Units: prose and list blocks are split into
     * sentences (SentenceSplitter); headings, code blocks and tables are one unit each. (3) Blocks that are
     * near-duplicates of an earlier block (64-bit SimHash over word 3-shingles, Hamming distance <= 3, or
     * equal text) are dropped first. (4) Each unit gets a score: BM25 relevance to the query (or the
     * neural scorer's, when configured), plus a bonus for a paragraph's first sentence, for salient tokens
     * (numbers, identifiers, paths, error words) and a little for position. (5) Units are kept greedily by
     * score until the character budget (40% of the text with a query, 50% without) is spent. (6) A run of
     * omitted text shorter than three markers is put back. (7) Output is assembled from the original spans.
     * Compare Headroom's TextCrusher (research notes section 6.6), which re-joins segments with newlines
     * and so changes the text between them; here the original whitespace is kept.
     */

    /** The transform name recorded in results and in the store. */
    public static final String TRANSFORM = "text.extract";

    private static final double RATIO_WITH_QUERY = 0.40;
    private static final double RATIO_WITHOUT_QUERY = 0.50;
    /** A marker is about this many characters (about 25 tokens: the key alone is 10-16). */
    private static final int MARKER_CHARS = 64;
    /** Omitted runs shorter than this are put back: the marker would cost about as many tokens as it saves. */
    private static final int MIN_OMITTED_CHARS = 3 * MARKER_CHARS;
    private static final double MIN_SAVINGS = 0.10;
    private static final int MAX_CHARS = 64 * 1024 * 1024;
    private static final int DEDUP_MAX_BLOCKS = 20_000;

    static final byte PROSE = 0;
    static final byte LIST = 1;
    static final byte HEADING = 2;
    static final byte CODE = 3;
    static final byte TABLE = 4;

    /** Creates the compressor. */
    public TextCompressor() {
    }

    @Override
    public Compressed compress(String content, CompressionContext context) {
        Compressed refused = LossyGuard.refuse(content, context, TRANSFORM, MAX_CHARS, null);
        if (refused != null) {
            return refused;
        }
        return Compressor.failingOpen(content, TRANSFORM, () -> {
            Compressed c = extract(content, context);
            return c == null ? Compressed.unchanged(content, TRANSFORM, "nothing worth omitting") : c;
        });
    }

    /** The extractive compression of {@code content}, or null when it would not save enough. */
    Compressed extract(String content, CompressionContext context) {
        Doc doc = Doc.parse(content);
        if (doc.units == 0) {
            return null;
        }
        int[] dupOf = doc.nearDuplicates();
        String[] scorer = {"position"};
        double[] score = score(doc, context, scorer);
        boolean[] keep = select(doc, dupOf, score, context.query().isBlank());
        return assemble(doc, dupOf, keep, context, scorer[0]);
    }

    private static double[] score(Doc doc, CompressionContext context, String[] scorerUsed) {
        String content = doc.text;
        int n = doc.units;
        double[] rel = null;
        String query = context.query();
        boolean hasQuery = !query.isBlank();
        if (hasQuery && !context.config().neuralModel().isEmpty()) {
            List<String> sentences = new ArrayList<>(n);
            for (int u = 0; u < n; u++) {
                sentences.add(content.substring(doc.unitStart[u], doc.unitEnd[u]));
            }
            long timeout = Math.max(50, context.config().compressionTimeout().toMillis() / 2);
            rel = NeuralScoring.tryScore(context.config().neuralModel(), query, sentences, timeout);
            if (rel != null) {
                scorerUsed[0] = "neural:" + context.config().neuralModel();
            }
        }
        if (rel == null && hasQuery) {
            List<CharSequence> units = new ArrayList<>(n);
            for (int u = 0; u < n; u++) {
                units.add(new Span(content, doc.unitStart[u], doc.unitEnd[u]));   // a view, no copy
            }
            rel = Bm25.score(units, query);
            scorerUsed[0] = "BM25";
        }
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        if (rel != null) {
            for (double r : rel) {
                max = Math.max(max, r);
                min = Math.min(min, r);
            }
        }
        double[] score = new double[n];
        for (int u = 0; u < n; u++) {
            double s = 0;
            if (rel != null && max > min) {
                s += Math.max(0, (rel[u] - Math.max(0, min)) / (max - Math.max(0, min)));
            }
            int b = doc.unitBlock[u];
            if (doc.firstUnit[b] == u && doc.kind[b] == PROSE) {
                s += hasQuery ? 0.15 : 0.35;
            }
            s += 0.3 * salience(content, doc.unitStart[u], doc.unitEnd[u]);
            s += 0.1 * (1.0 - (double) u / n);
            if (doc.unitEnd[u] - doc.unitStart[u] < 20) {
                s *= 0.5;
            }
            score[u] = s;
        }
        return score;
    }

    /** Fraction of words (capped at 1 after doubling) that carry facts: digits, identifiers, paths, warnings. */
    static double salience(CharSequence text, int start, int end) {
        int words = 0;
        int hits = 0;
        int i = start;
        while (i < end) {
            while (i < end && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= end) {
                break;
            }
            int s = i;
            boolean digit = false;
            boolean upper = true;
            boolean inner = false;
            int letters = 0;
            while (i < end && !Character.isWhitespace(text.charAt(i))) {
                char c = text.charAt(i);
                if (Character.isDigit(c)) {
                    digit = true;
                } else if (Character.isLetter(c)) {
                    letters++;
                    if (!Character.isUpperCase(c)) {
                        upper = false;
                    }
                } else if ((c == '.' || c == '/' || c == '_' || c == ':' || c == '(') && i > s && i + 1 < end
                        && Character.isLetterOrDigit(text.charAt(i + 1))) {
                    inner = true;
                }
                i++;
            }
            words++;
            char first = text.charAt(s);
            if (digit || inner || upper && letters >= 2 || first == '`' || isWarning(text, s, i)) {
                hits++;
            }
        }
        return words == 0 ? 0 : Math.min(1.0, 2.0 * hits / words);
    }

    private static boolean isWarning(CharSequence t, int s, int e) {
        int len = e - s;
        if (len < 4 || len > 12) {
            return false;
        }
        for (String prefix : WARNING_PREFIXES) {
            if (startsWithIgnoreCase(t, s, e, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case ASCII prefixes of words that carry warnings or rules. */
    private static final String[] WARNING_PREFIXES = {"error", "warn", "fail", "exception", "never", "must",
        "deprecat", "important", "default"};

    /**
     * Whether {@code t[s, e)} starts with the lower-case ASCII {@code prefix}, comparing as
     * {@code toLowerCase(Locale.ROOT)} would for these letters, without allocating a string per word.
     */
    private static boolean startsWithIgnoreCase(CharSequence t, int s, int e, String prefix) {
        if (e - s < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = t.charAt(s + i);
            char p = prefix.charAt(i);
            // U+0130 lower-cases to two chars in String.toLowerCase, so it never matched there.
            if (c != p && (Character.toLowerCase(c) != p || c == '\u0130')) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] select(Doc doc, int[] dupOf, double[] score, boolean noQuery) {
        int n = doc.units;
        boolean[] keep = new boolean[n];
        long total = 0;
        long used = 0;
        for (int u = 0; u < n; u++) {
            int len = doc.unitEnd[u] - doc.unitStart[u];
            total += len;
            if (doc.kind[doc.unitBlock[u]] == HEADING && dupOf[doc.unitBlock[u]] < 0) {
                keep[u] = true;
                used += len;
            }
        }
        long budget = (long) (total * (noQuery ? RATIO_WITHOUT_QUERY : RATIO_WITH_QUERY));
        Integer[] order = new Integer[n];
        for (int u = 0; u < n; u++) {
            order[u] = u;
        }
        Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
        for (Integer o : order) {
            int u = o;
            if (keep[u] || dupOf[doc.unitBlock[u]] >= 0) {
                continue;
            }
            int len = doc.unitEnd[u] - doc.unitStart[u];
            if (used + len <= budget) {
                keep[u] = true;
                used += len;
            }
        }
        smooth(doc, dupOf, keep);
        return keep;
    }

    /** Puts back omitted runs too short to be worth a marker. */
    private static void smooth(Doc doc, int[] dupOf, boolean[] keep) {
        // Runs inside partly kept blocks.
        for (int b = 0; b < doc.blocks; b++) {
            int f = doc.firstUnit[b];
            int l = f + doc.unitCount[b];
            if (dupOf[b] >= 0 || !anyKept(keep, f, l)) {
                continue;
            }
            int u = f;
            while (u < l) {
                if (keep[u]) {
                    u++;
                    continue;
                }
                int r = u;
                while (r < l && !keep[r]) {
                    r++;
                }
                if (doc.unitEnd[r - 1] - doc.unitStart[u] < MIN_OMITTED_CHARS) {
                    Arrays.fill(keep, u, r, true);
                }
                u = r;
            }
        }
        // Runs of whole omitted blocks.
        int b = 0;
        while (b < doc.blocks) {
            if (dupOf[b] >= 0 || anyKept(keep, doc.firstUnit[b], doc.firstUnit[b] + doc.unitCount[b])) {
                b++;
                continue;
            }
            int r = b;
            while (r < doc.blocks && dupOf[r] < 0
                    && !anyKept(keep, doc.firstUnit[r], doc.firstUnit[r] + doc.unitCount[r])) {
                r++;
            }
            if (doc.blockEnd[r - 1] - doc.blockStart[b] < MIN_OMITTED_CHARS) {
                Arrays.fill(keep, doc.firstUnit[b], doc.firstUnit[r - 1] + doc.unitCount[r - 1], true);
            }
            b = r;
        }
    }

    private static boolean anyKept(boolean[] keep, int from, int to) {
        for (int u = from; u < to; u++) {
            if (keep[u]) {
                return true;
            }
        }
        return false;
    }

    private Compressed assemble(Doc doc, int[] dupOf, boolean[] keep, CompressionContext context, String scorer) {
        String text = doc.text;
        // Cheap size check before anything is offloaded.
        long keptChars = 0;
        int markers = 0;
        for (int u = 0; u < doc.units; u++) {
            if (keep[u]) {
                keptChars += doc.unitEnd[u] - doc.unitStart[u];
            } else if (u == 0 || keep[u - 1]) {
                markers++;
            }
        }
        long estimate = keptChars + (long) markers * MARKER_CHARS;
        if (markers == 0 || estimate > text.length() * (1 - MIN_SAVINGS)) {
            return null;
        }
        StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE, estimate + 256));
        List<String> keys = new ArrayList<>();
        int omittedUnits = 0;
        int omittedBlocks = 0;
        out.append(text, 0, doc.blockStart[0]);
        int b = 0;
        while (b < doc.blocks) {
            int f = doc.firstUnit[b];
            int l = f + doc.unitCount[b];
            if (dupOf[b] >= 0) {
                String key = context.offload(text.substring(doc.blockStart[b], doc.blockEnd[b]), TRANSFORM);
                keys.add(key);
                out.append(Markers.omitted("paragraph " + Markers.count(b + 1L) + " (near-duplicate of paragraph "
                        + Markers.count(dupOf[b] + 1L) + ")", key));
                omittedBlocks++;
                omittedUnits += doc.unitCount[b];
                appendGap(out, doc, b);
                b++;
                continue;
            }
            if (!anyKept(keep, f, l)) {
                int r = b;
                int units = 0;
                while (r < doc.blocks && dupOf[r] < 0
                        && !anyKept(keep, doc.firstUnit[r], doc.firstUnit[r] + doc.unitCount[r])) {
                    units += doc.unitCount[r];
                    r++;
                }
                String key = context.offload(text.substring(doc.blockStart[b], doc.blockEnd[r - 1]), TRANSFORM);
                keys.add(key);
                out.append(Markers.omitted(blockRunName(doc, b, r - 1), key));
                omittedBlocks += r - b;
                omittedUnits += units;
                appendGap(out, doc, r - 1);
                b = r;
                continue;
            }
            out.append(text, doc.blockStart[b], doc.unitStart[f]);
            int u = f;
            while (u < l) {
                int r = u;
                while (r < l && keep[r] == keep[u]) {
                    r++;
                }
                if (keep[u]) {
                    out.append(text, doc.unitStart[u], doc.unitEnd[r - 1]);
                } else {
                    String key = context.offload(text.substring(doc.unitStart[u], doc.unitEnd[r - 1]), TRANSFORM);
                    keys.add(key);
                    out.append(Markers.omitted(unitRunName(doc, u, r), key));
                    omittedUnits += r - u;
                }
                if (r < l) {
                    out.append(text, doc.unitEnd[r - 1], doc.unitStart[r]);
                }
                u = r;
            }
            out.append(text, doc.unitEnd[l - 1], doc.blockEnd[b]);
            appendGap(out, doc, b);
            b++;
        }
        if (out.length() > text.length() * (1 - MIN_SAVINGS)) {
            return null;
        }
        String note = "kept " + Markers.count(doc.units - omittedUnits) + " of "
                + Markers.units(doc.units, "unit", "units")
                + " (sentences, items, blocks); " + Markers.units(omittedBlocks, "paragraph", "paragraphs")
                + " omitted whole; ranked by " + scorer;
        return Compressed.lossy(out.toString(), TRANSFORM, keys, note);
    }

    private static void appendGap(StringBuilder out, Doc doc, int b) {
        int end = b + 1 < doc.blocks ? doc.blockStart[b + 1] : doc.text.length();
        out.append(doc.text, doc.blockEnd[b], end);
    }

    private static String blockRunName(Doc doc, int first, int last) {
        if (first == last) {
            int lines = countLines(doc.text, doc.blockStart[first], doc.blockEnd[first]);
            return switch (doc.kind[first]) {
                case CODE -> "code block (paragraph " + Markers.count(first + 1L) + ", "
                        + Markers.units(lines, "line", "lines") + ")";
                case TABLE -> "table (paragraph " + Markers.count(first + 1L) + ", "
                        + Markers.units(lines, "row", "rows") + ")";
                case LIST -> "list (paragraph " + Markers.count(first + 1L) + ", "
                        + Markers.units(doc.unitCount[first], "item", "items") + ")";
                default -> "paragraph " + Markers.count(first + 1L) + " ("
                        + Markers.units(doc.unitCount[first], "sentence", "sentences") + ")";
            };
        }
        return "paragraphs " + Markers.range(first + 1L, last + 1L);
    }

    private static String unitRunName(Doc doc, int from, int to) {
        boolean items = true;
        for (int u = from; u < to && items; u++) {
            items = SentenceSplitter.startsListItem(doc.text, doc.unitStart[u], doc.unitEnd[u]);
        }
        return items ? Markers.units(to - from, "item", "items") : Markers.units(to - from, "sentence", "sentences");
    }

    private static int countLines(String t, int s, int e) {
        int n = 1;
        for (int i = s; i < e; i++) {
            if (t.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * A view of {@code text[start, end)} without copying. CharBuffer.wrap does the same, but its charAt goes
     * through position arithmetic and bounds checks that showed up in profiles of BM25 scoring.
     */
    private record Span(String text, int start, int end) implements CharSequence {
        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            return text.charAt(start + index);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return text.substring(start + from, start + to);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }
    }

    /** The block and unit structure of one text; all offsets index {@link #text}. */
    static final class Doc {
        final String text;
        int blocks;
        int[] blockStart = new int[64];
        int[] blockEnd = new int[64];
        byte[] kind = new byte[64];
        int[] firstUnit = new int[64];
        int[] unitCount = new int[64];
        int units;
        int[] unitStart = new int[256];
        int[] unitEnd = new int[256];
        int[] unitBlock = new int[256];

        private Doc(String text) {
            this.text = text;
        }

        static Doc parse(String text) {
            Doc d = new Doc(text);
            int len = text.length();
            int pos = 0;
            int cur = -1;
            int curEnd = -1;
            int curLines = 0;
            while (pos < len) {
                int nl = text.indexOf('\n', pos);
                int lineEnd = nl < 0 ? len : nl;
                int next = nl < 0 ? len : nl + 1;
                int ls = pos;
                while (ls < lineEnd && Character.isWhitespace(text.charAt(ls))) {
                    ls++;
                }
                int te = lineEnd;
                while (te > ls && Character.isWhitespace(text.charAt(te - 1))) {
                    te--;
                }
                if (ls >= lineEnd) {
                    d.close(cur, curEnd, curLines);
                    cur = -1;
                    pos = next;
                    continue;
                }
                if (ls - pos <= 3 && fence(text, ls, lineEnd)) {
                    d.close(cur, curEnd, curLines);
                    cur = -1;
                    char fc = text.charAt(ls);
                    int fenceLen = 0;
                    while (ls + fenceLen < lineEnd && text.charAt(ls + fenceLen) == fc) {
                        fenceLen++;
                    }
                    int p = next;
                    int end = te;
                    while (p < len) {
                        int n2 = text.indexOf('\n', p);
                        int e2 = n2 < 0 ? len : n2;
                        int s2 = p;
                        while (s2 < e2 && (text.charAt(s2) == ' ' || text.charAt(s2) == '\t')) {
                            s2++;
                        }
                        int t2 = e2;
                        while (t2 > s2 && Character.isWhitespace(text.charAt(t2 - 1))) {
                            t2--;
                        }
                        p = n2 < 0 ? len : n2 + 1;
                        if (t2 > s2) {
                            end = t2;
                        }
                        if (closesFence(text, s2, t2, fc, fenceLen)) {
                            break;
                        }
                    }
                    d.addBlock(pos, end, CODE);
                    pos = p;
                    continue;
                }
                if (ls - pos <= 3 && heading(text, ls, lineEnd)) {
                    d.close(cur, curEnd, curLines);
                    cur = -1;
                    d.addBlock(pos, te, HEADING);
                    pos = next;
                    continue;
                }
                if (cur < 0) {
                    cur = pos;
                    curLines = 0;
                }
                curEnd = te;
                curLines++;
                pos = next;
            }
            d.close(cur, curEnd, curLines);
            return d;
        }

        private void close(int start, int end, int lines) {
            if (start < 0) {
                return;
            }
            int ls = start;
            while (ls < end && Character.isWhitespace(text.charAt(ls))) {
                ls++;
            }
            byte k = PROSE;
            if (text.charAt(ls) == '|' && lines >= 2) {
                k = TABLE;
            } else if (SentenceSplitter.startsListItem(text, ls, end)) {
                k = LIST;
            }
            addBlock(start, end, k);
        }

        private void addBlock(int start, int end, byte k) {
            if (blocks == blockStart.length) {
                int n = blocks * 2;
                blockStart = Arrays.copyOf(blockStart, n);
                blockEnd = Arrays.copyOf(blockEnd, n);
                kind = Arrays.copyOf(kind, n);
                firstUnit = Arrays.copyOf(firstUnit, n);
                unitCount = Arrays.copyOf(unitCount, n);
            }
            int b = blocks++;
            blockStart[b] = start;
            blockEnd[b] = end;
            kind[b] = k;
            firstUnit[b] = units;
            if (k == PROSE || k == LIST) {
                int[] spans = SentenceSplitter.split(text, start, end);
                for (int i = 0; i < spans.length; i += 2) {
                    addUnit(spans[i], spans[i + 1], b);
                }
            } else {
                int s = start;
                while (s < end && Character.isWhitespace(text.charAt(s))) {
                    s++;
                }
                addUnit(s, end, b);
            }
            unitCount[b] = units - firstUnit[b];
        }

        private void addUnit(int s, int e, int b) {
            if (units == unitStart.length) {
                int n = units * 2;
                unitStart = Arrays.copyOf(unitStart, n);
                unitEnd = Arrays.copyOf(unitEnd, n);
                unitBlock = Arrays.copyOf(unitBlock, n);
            }
            unitStart[units] = s;
            unitEnd[units] = e;
            unitBlock[units] = b;
            units++;
        }

        private static boolean fence(String t, int s, int e) {
            if (e - s < 3) {
                return false;
            }
            char c = t.charAt(s);
            return (c == '`' || c == '~') && t.charAt(s + 1) == c && t.charAt(s + 2) == c;
        }

        /** A closing fence: at least {@code n} fence chars and nothing else on the line. */
        private static boolean closesFence(String t, int s, int e, char fc, int n) {
            int i = s;
            while (i < e && t.charAt(i) == fc) {
                i++;
            }
            return i - s >= n && i == e;
        }

        private static boolean heading(String t, int s, int e) {
            int i = s;
            while (i < e && t.charAt(i) == '#' && i - s < 7) {
                i++;
            }
            return i > s && i - s <= 6 && i < e && t.charAt(i) == ' ';
        }

        /** For each block, the index of an earlier block it nearly duplicates, or -1. */
        int[] nearDuplicates() {
            int[] dupOf = new int[blocks];
            Arrays.fill(dupOf, -1);
            if (blocks > DEDUP_MAX_BLOCKS) {
                return dupOf;
            }
            long[] sim = new long[blocks];
            boolean[] eligible = new boolean[blocks];
            for (int b = 0; b < blocks; b++) {
                if (kind[b] == HEADING || blockEnd[b] - blockStart[b] < 80) {
                    continue;
                }
                long h = simhash(text, blockStart[b], blockEnd[b]);
                if (h == 0) {
                    continue;
                }
                sim[b] = h;
                eligible[b] = true;
                for (int a = 0; a < b; a++) {
                    if (eligible[a] && dupOf[a] < 0 && Long.bitCount(sim[a] ^ h) <= 3) {
                        dupOf[b] = a;
                        break;
                    }
                }
            }
            return dupOf;
        }

        /** SimHash over word 3-shingles; 0 when the span has fewer than 8 words. */
        static long simhash(CharSequence t, int start, int end) {
            int[] v = new int[64];
            long w1 = 0;
            long w2 = 0;
            int words = 0;
            int i = start;
            while (i < end) {
                while (i < end && !Character.isLetterOrDigit(t.charAt(i))) {
                    i++;
                }
                if (i >= end) {
                    break;
                }
                long h = 0xcbf29ce484222325L;
                while (i < end && Character.isLetterOrDigit(t.charAt(i))) {
                    h ^= Character.toLowerCase(t.charAt(i));
                    h *= 0x100000001b3L;
                    i++;
                }
                words++;
                if (words >= 3) {
                    long s = mix(w2 * 31 + w1 * 17 + h);
                    for (int bit = 0; bit < 64; bit++) {
                        v[bit] += ((s >>> bit) & 1) != 0 ? 1 : -1;
                    }
                }
                w2 = w1;
                w1 = h;
            }
            if (words < 8) {
                return 0;
            }
            long out = 0;
            for (int bit = 0; bit < 64; bit++) {
                if (v[bit] > 0) {
                    out |= 1L << bit;
                }
            }
            return out == 0 ? 1 : out;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
            z = (z ^ (z >>> 33)) * 0xc4ceb93e3e6c7e5bL;
            return z ^ (z >>> 33);
        }
    }
}
