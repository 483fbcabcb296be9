package io.headroom4j.compress.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Online log-template mining in the style of Drain (He et al., "Drain: An Online Log Parsing Approach with
 * Fixed Depth Tree", ICWS 2017; the reference implementation is logpai/Drain3). Written from the paper's
 * description; no code is shared with Drain3.
 *
 * <p>How a line finds its template:
 * <ol>
 *   <li><b>Masking.</b> Each whitespace-separated token is cut into segments at punctuation
 *       ({@code / = : , ( ) [ ] { } " ' < > ; @ # ? & | +}); a segment with a digit becomes {@code <*>} (a unit
 *       suffix such as {@code ms} or {@code kB} is kept: {@code <*>ms}). That covers numbers, IPs, UUIDs,
 *       hex ids, timestamps, durations and the numeric parts of paths ({@code /api/orders/<*>}). A token that
 *       is only a number of at most three digits is kept (HTTP status, exit codes): the similarity merge
 *       below turns it into {@code <*>} only if it varies within a template. ANSI escape sequences are
 *       skipped.</li>
 *   <li><b>Exact cache.</b> Lines whose masked form was seen before join the same template at once; this
 *       is the common case in a log and keeps the hot path to one character scan and one hash lookup.</li>
 *   <li><b>Fixed-depth tree.</b> Otherwise the line descends root → token count → first token → second
 *       token (tokens holding a wildcard go to a {@code <*>} child; a node with 100 children sends new tokens
 *       there too), and at the leaf the most similar template is picked: similarity is the share of
 *       positions where the template has the same token or a wildcard. At or above the threshold (0.5) the
 *       line joins it and differing positions become {@code <*>}; below, it opens a new template.</li>
 * </ol>
 * Processing is in line order, so the same text always gives the same templates (deterministic). Not
 * thread-safe: one parser per compression call.
 */
public final class DrainParser {

    /** The wildcard a template shows in place of a variable token. */
    public static final String WILDCARD = "<*>";
    /** Template id for lines that were skipped or did not fit the caps. */
    public static final int NONE = -1;

    private static final double SIMILARITY = 0.5;
    private static final int MAX_CHILDREN = 100;
    private static final int MAX_TEMPLATES = 20_000;
    private static final int MAX_TEMPLATES_PER_LEAF = 200;
    private static final int MAX_CACHED_SIGNATURES = 200_000;
    private static final int MAX_TOKENS = 256;
    private static final int MAX_SEGMENT_CHARS = 256;
    private static final boolean[] DELIMITER = new boolean[128];
    /**
     * Per ASCII character, for {@link Masker#mask}: {@link #K_OTHER} or {@link #K_DIGIT} (bits, so a segment's
     * OR tells whether it has a digit and whether it is all digits), or, at {@link #K_DELIMITER} and up, what
     * ends a segment. Non-ASCII characters are {@link #K_OTHER}. Every char has an entry, so a lookup needs no
     * range test first.
     */
    private static final byte[] KIND = new byte[Character.MAX_VALUE + 1];
    private static final byte K_DIGIT = 1;
    private static final byte K_OTHER = 2;
    private static final byte K_DELIMITER = 4;
    private static final byte K_SPACE = 5;
    private static final byte K_ESC = 6;

    static {
        for (char c : "/=:,()[]{}\"'<>;@#?&|+".toCharArray()) {
            DELIMITER[c] = true;
        }
        Arrays.fill(KIND, K_OTHER);
        for (char c = 0; c < 128; c++) {
            KIND[c] = c == 0x1b ? K_ESC : isSpace(c) ? K_SPACE : DELIMITER[c] ? K_DELIMITER
                    : c >= '0' && c <= '9' ? K_DIGIT : K_OTHER;
        }
    }

    private final Map<Integer, Node> byLength = new HashMap<>();
    private final SignatureCache bySignature = new SignatureCache();
    private final List<Template> templates = new ArrayList<>();
    /** The masked line being built by {@link #add}. */
    private final Masker masker = new Masker(256);
    /** Whether the last {@link #addMasked} left its signature in the exact cache (so it answers it from now on). */
    private boolean lastCached;

    /** One template: its tokens (with wildcards), how many lines it has, and its first line. */
    public static final class Template {
        private final int id;
        private String[] tokens;
        private int size;
        private final int firstLine;

        private Template(int id, String[] tokens, int firstLine) {
            this.id = id;
            this.tokens = tokens;
            this.firstLine = firstLine;
        }

        /** Position in {@link DrainParser#templates()}. */
        public int id() {
            return id;
        }

        /** Number of lines that matched. */
        public int size() {
            return size;
        }

        /** 0-based index of the first line that matched. */
        public int firstLine() {
            return firstLine;
        }

        /** The template as text: tokens joined by single spaces, variable parts as {@code <*>}. */
        public String text() {
            return String.join(" ", tokens);
        }
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<Template> leaf = new ArrayList<>();
    }

    /**
     * Assigns a template to every line not skipped ({@code skip} may be null). A line with carriage-return
     * updates is mined by what follows its last {@code '\r'}, the text left on screen.
     *
     * @return the template id of each line, or {@link #NONE} for skipped lines
     */
    public int[] parse(LogLines lines, boolean[] skip) {
        int n = lines.count();
        int[] ids = new int[n];
        String text = lines.text();
        char[] line = new char[256];
        for (int i = 0; i < n; i++) {
            if (skip != null && skip[i]) {
                ids[i] = NONE;
                continue;
            }
            int start = lines.start(i);
            int end = lines.end(i);
            // Start after the last carriage return that has text after it: earlier updates are off screen,
            // and skipping them here spares masking every frame of a progress bar.
            // The intrinsic indexOf keeps lines without '\r', nearly all of them, to one vectorised pass.
            if (end - start > 1 && text.indexOf('\r', start, end - 1) >= 0) {
                for (int q = end - 2; q >= start; q--) {
                    if (text.charAt(q) == '\r') {
                        start = q + 1;
                        break;
                    }
                }
            }
            // Masked from a reused array: array reads cost less than String.charAt, and no copy is kept.
            int len = end - start;
            if (len > line.length) {
                line = new char[Math.max(len, line.length * 2)];
            }
            text.getChars(start, end, line, 0);
            Template t = add(line, 0, len, i);
            ids[i] = t == null ? NONE : t.id;
        }
        return ids;
    }

    /** All templates found so far, by id. */
    public List<Template> templates() {
        return templates;
    }

    /** The template of {@code text[start, end)}, mining it if it is new; null when the caps are reached. */
    Template add(char[] text, int start, int end, int lineIndex) {
        masker.length = 0;
        int tokenCount = masker.mask(text, start, end);
        int hash = SignatureCache.hash(masker.sig, 0, masker.length);
        return addMasked(masker.sig, 0, masker.length, tokenCount, hash, lineIndex);
    }

    /**
     * Assigns a template to every line {@code scan} masked and {@code skip} does not skip, exactly as
     * {@link #parse(LogLines, boolean[])} would: same ids, same templates, same sizes.
     */
    int[] parse(LineScan scan, boolean[] skip) {
        int n = skip.length;
        int[] ids = new int[n];
        Template[][] resolved = new Template[scan.parts()][];
        for (int k = 0; k < resolved.length; k++) {
            resolved[k] = new Template[scan.distinct(k)];
        }
        for (int i = 0; i < n; i++) {
            if (skip[i]) {
                ids[i] = NONE;
                continue;
            }
            int part = scan.partOf(i);
            int sid = scan.signatureOf(i);
            Template known = resolved[part][sid];
            if (known != null) {
                // The signature is in the exact cache, which would answer this line with the same template.
                known.size++;
                ids[i] = known.id;
                continue;
            }
            Template t = addMasked(scan.buffer(part), scan.start(part, sid), scan.length(part, sid),
                    scan.tokens(part, sid), scan.hash(part, sid), i);
            if (t != null && lastCached) {
                resolved[part][sid] = t;
            }
            ids[i] = t == null ? NONE : t.id;
        }
        return ids;
    }

    /** The template of the masked line {@code sig[off, off + len)}, mining it if it is new; null at the caps. */
    private Template addMasked(char[] sig, int off, int len, int tokenCount, int hash, int lineIndex) {
        // The common case, a masked form seen before, is answered without making a String of it.
        Template cached = bySignature.get(sig, off, len, hash);
        if (cached != null) {
            cached.size++;
            lastCached = true;
            return cached;
        }
        lastCached = false;
        String signature = new String(sig, off, len);
        String[] tokens = tokenCount == 0 ? new String[0] : split(signature, tokenCount);
        Template t = match(tokens, lineIndex);
        if (t != null) {
            t.size++;
            if (bySignature.size() < MAX_CACHED_SIGNATURES) {
                bySignature.put(Arrays.copyOfRange(sig, off, off + len), hash, t);
                lastCached = true;
            }
        }
        return t;
    }

    private Template match(String[] tokens, int lineIndex) {
        Node node = byLength.computeIfAbsent(tokens.length, k -> new Node());
        int depth = Math.min(2, tokens.length);
        for (int d = 0; d < depth; d++) {
            String key = tokens[d].contains(WILDCARD) ? WILDCARD : tokens[d];
            Node child = node.children.get(key);
            if (child == null) {
                if (node.children.size() >= MAX_CHILDREN) {
                    key = WILDCARD;
                    child = node.children.get(key);
                }
                if (child == null) {
                    child = new Node();
                    node.children.put(key, child);
                }
            }
            node = child;
        }
        Template best = null;
        double bestSim = -1;
        for (Template t : node.leaf) {
            double sim = similarity(t.tokens, tokens);
            if (sim > bestSim) {
                bestSim = sim;
                best = t;
            }
        }
        if (best != null && (bestSim >= SIMILARITY || tokens.length == 0)) {
            merge(best, tokens);
            return best;
        }
        if (templates.size() >= MAX_TEMPLATES || node.leaf.size() >= MAX_TEMPLATES_PER_LEAF) {
            return null;
        }
        Template t = new Template(templates.size(), tokens, lineIndex);
        templates.add(t);
        node.leaf.add(t);
        return t;
    }

    private static double similarity(String[] template, String[] tokens) {
        if (tokens.length == 0) {
            return 1.0;
        }
        int same = 0;
        for (int i = 0; i < tokens.length; i++) {
            String t = template[i];
            if (t == WILDCARD || t.equals(tokens[i])) {
                same++;
            }
        }
        return (double) same / tokens.length;
    }

    private static void merge(Template t, String[] tokens) {
        String[] merged = null;
        for (int i = 0; i < tokens.length; i++) {
            if (t.tokens[i] != WILDCARD && !t.tokens[i].equals(tokens[i])) {
                if (merged == null) {
                    merged = Arrays.copyOf(t.tokens, t.tokens.length);
                }
                merged[i] = WILDCARD;
            }
        }
        if (merged != null) {
            t.tokens = merged;
        }
    }

    private static String[] split(String signature, int count) {
        String[] tokens = new String[count];
        int k = 0;
        int from = 0;
        while (k < count) {
            int sp = signature.indexOf(' ', from);
            int to = sp < 0 ? signature.length() : sp;
            String tok = signature.substring(from, to);
            tokens[k++] = tok.equals(WILDCARD) ? WILDCARD : tok;
            from = to + 1;
        }
        return tokens;
    }

    /**
     * Appends the masked tokens of {@code text[start, end)} to {@code out}, separated by single spaces, and
     * returns how many there were. At most {@value #MAX_TOKENS} tokens; the rest of a longer line becomes
     * one final wildcard, so one huge line costs one scan and a bounded template.
     */
    static int mask(String text, int start, int end, StringBuilder out) {
        Masker m = new Masker(256);
        int tokens = m.mask(text.toCharArray(), start, end);
        out.append(m.sig, 0, m.length);
        return tokens;
    }

    /**
     * Masks lines into one growing buffer: each {@link #mask} appends a line's masked form at {@link #length}.
     * Not thread-safe; one per thread.
     */
    static final class Masker {
        char[] sig;
        int length;

        Masker(int capacity) {
            sig = new char[Math.max(16, capacity)];
        }

        /**
         * Appends the masked form of {@code text[start, end)} (see {@link DrainParser#mask(String, int, int,
         * StringBuilder)}) and returns its token count.
         */
        int mask(char[] text, int start, int end) {
            // One pass: whitespace ends a token, punctuation ends a segment; each segment is copied or masked as
            // a whole (a range copy), so the per-character work is one lookup in a table that covers every char
            // and one test. Room is made once per token, delimiter and segment, not per character.
            int base = length;
            char[] out = sig;
            int o = base;
            int p = start;
            int tokens = 0;
            int tokenStart = -1;
            while (p < end) {
                char c = text[p];
                int k = KIND[c];
                if (k >= K_SPACE) {
                    if (k == K_ESC) {
                        p = skipAnsi(text, p, end);
                        continue;
                    }
                    if (c == '\r' && p + 1 < end) {
                        // A carriage return redraws the line: only what follows the last one is on screen.
                        o = base;
                        tokens = 0;
                    }
                    tokenStart = -1;
                    p++;
                    continue;
                }
                if (tokenStart < 0) {
                    if (o + 4 > out.length) {
                        out = grow(o, 4);
                    }
                    if (tokens > 0) {
                        out[o++] = ' ';
                    }
                    if (tokens == MAX_TOKENS - 1) {
                        o = putWildcard(out, o);
                        length = o;
                        return MAX_TOKENS;
                    }
                    tokens++;
                    tokenStart = p;
                }
                if (k == K_DELIMITER) {
                    if (o == out.length) {
                        out = grow(o, 1);
                    }
                    out[o++] = c;
                    p++;
                    continue;
                }
                // The segment [segStart, p); what it becomes takes at most MAX_SEGMENT_CHARS chars.
                if (o + MAX_SEGMENT_CHARS + 8 > out.length) {
                    out = grow(o, MAX_SEGMENT_CHARS + 8);
                }
                int segStart = p;
                int seen = k;
                while (++p < end) {
                    int kd = KIND[text[p]];
                    if (kd >= K_DELIMITER) {
                        break;
                    }
                    seen |= kd;
                }
                int segLength = p - segStart;
                if (segLength > MAX_SEGMENT_CHARS) {
                    o = putWildcard(out, o); // a huge token is a payload (base64, minified data), never a constant
                } else if ((seen & K_DIGIT) == 0 || seen == K_DIGIT && segLength <= 3 && segStart == tokenStart
                        && (p == end || isSpace(text[p]))) {
                    // Copied: no digit, or a small standalone number (status codes, exit codes).
                    System.arraycopy(text, segStart, out, o, segLength);
                    o += segLength;
                } else {
                    int unit = unitSuffixStart(text, segStart, p);
                    o = putWildcard(out, o);
                    if (unit > 0) {
                        for (int q = unit; q < p; q++) {
                            out[o++] = text[q];
                        }
                    }
                }
            }
            length = o;
            return tokens;
        }

        private static int putWildcard(char[] out, int o) {
            out[o] = '<';
            out[o + 1] = '*';
            out[o + 2] = '>';
            return o + 3;
        }

        /** Makes room for {@code n} more characters after {@code used}; returns the (new) buffer. */
        private char[] grow(int used, int n) {
            if (used + n > sig.length) {
                sig = Arrays.copyOf(sig, Math.max(sig.length * 2, used + n));
            }
            return sig;
        }
    }

    private static boolean isSpace(char c) {
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b);
    }

    /** Start of a 1-3 letter unit ({@code ms}, {@code kB}, {@code %}) after a number, or -1. */
    private static int unitSuffixStart(char[] text, int start, int end) {
        int u = end;
        while (u > start && end - u < 3
                && (LineSignals.isAsciiLetter(text[u - 1]) || text[u - 1] == '%')) {
            u--;
        }
        if (u == end || u == start) {
            return -1;
        }
        for (int i = start; i < u; i++) {
            char c = text[i];
            if (!(c >= '0' && c <= '9' || c == '.' || c == ',')) {
                return -1;
            }
        }
        return u;
    }

    /** Index just past the ANSI escape sequence at {@code p} (CSI {@code ESC [ … final}, OSC, or two chars). */
    static int skipAnsi(char[] text, int p, int end) {
        if (p + 1 >= end) {
            return end;
        }
        char next = text[p + 1];
        int q = p + 2;
        if (next == '[') {
            while (q < end) {
                char c = text[q++];
                if (c >= 0x40 && c <= 0x7e) {
                    break;
                }
            }
            return q;
        }
        if (next == ']') {
            while (q < end) {
                char c = text[q++];
                if (c == 0x07) {
                    break;
                }
                if (c == 0x1b && q < end && text[q] == '\\') {
                    q++;
                    break;
                }
            }
            return q;
        }
        return q;
    }

    /**
     * Masked line → template, keyed by the masked characters themselves, so a hit needs no String: an
     * open-addressing table with linear probing. Same answers as a {@code HashMap<String, Template>}.
     */
    static final class SignatureCache {
        private char[][] keys = new char[1024][];
        private int[] hashes = new int[1024];
        private Template[] values = new Template[1024];
        private int size;

        /**
         * {@code h = 31 * h + c} over the characters (as {@link String#hashCode}), four at a time: the four
         * products are independent, so only one multiply per four characters waits for the one before.
         */
        static int hash(char[] chars, int off, int length) {
            int h = 0;
            int i = off;
            int end = off + length;
            for (int last4 = end - 3; i < last4; i += 4) {
                h = 923_521 * h + 29_791 * chars[i] + 961 * chars[i + 1] + 31 * chars[i + 2] + chars[i + 3];
            }
            for (; i < end; i++) {
                h = 31 * h + chars[i];
            }
            return h;
        }

        int size() {
            return size;
        }

        Template get(char[] chars, int off, int length, int hash) {
            int mask = keys.length - 1;
            for (int i = mix(hash) & mask; keys[i] != null; i = (i + 1) & mask) {
                if (hashes[i] == hash && Arrays.equals(keys[i], 0, keys[i].length, chars, off, off + length)) {
                    return values[i];
                }
            }
            return null;
        }

        /** Adds a key that {@link #get} did not find. */
        void put(char[] key, int hash, Template value) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            insert(key, hash, value);
            size++;
        }

        private void insert(char[] key, int hash, Template value) {
            int mask = keys.length - 1;
            int i = mix(hash) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            hashes[i] = hash;
            values[i] = value;
        }

        private void grow() {
            char[][] oldKeys = keys;
            int[] oldHashes = hashes;
            Template[] oldValues = values;
            keys = new char[oldKeys.length * 2][];
            hashes = new int[oldKeys.length * 2];
            values = new Template[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    insert(oldKeys[i], oldHashes[i], oldValues[i]);
                }
            }
        }

        private static int mix(int h) {
            return h ^ (h >>> 16);
        }
    }
}
