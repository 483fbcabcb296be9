package io.headroom4j.compress.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads JSON text (RFC 8259) into {@link JsonValue}s, keeping number literals as written. Accepts one value or
 * several in a row (JSON lines). Thread-safe: each call uses its own state.
 *
 * <p>Hand-written rather than Jackson's streaming parser because it is the largest part of the compressor's
 * time: one pass over a {@code char[]}, string bodies scanned with a table lookup per char and copied once,
 * object keys shared between rows (a row's keys are usually the previous row's), and unpaired surrogates
 * found while scanning instead of in a separate pass (thread CPU time on the 100K-token search input, loaded
 * machine: 1.0 ms against 1.3 ms for Jackson building the same tree plus 0.5 ms for the surrogate pass; see
 * docs/BENCHMARKS.md). It accepts exactly what the Jackson setup it replaced accepted: strict JSON,
 * no comments, no leading zeros or {@code +}, no {@code NaN}, no unescaped control characters; nesting up to
 * {@link #MAX_DEPTH}; strings up to {@link #MAX_STRING_CHARS}, keys up to 50,000 chars and number literals up
 * to 10,000 chars; root values separated by whitespace (a number at the root must be followed by whitespace).
 * Escaped lone surrogates ({@code "\ud800"}) are accepted, as Jackson did.
 */
final class JsonReader {

    /** Nesting deeper than this is refused: the compressor passes such input through. */
    static final int MAX_DEPTH = 1_000;

    /** Longest string value read; longer ones make the input pass through. */
    static final int MAX_STRING_CHARS = 16 * 1024 * 1024;

    private static final int MAX_KEY_CHARS = 50_000;
    /** Predicted keys up to this long are compared char by char (see {@link #predictedKey}). */
    private static final int SHORT_KEY = 16;
    private static final int MAX_NUMBER_CHARS = 10_000;

    /** Thrown for a raw (unescaped) unpaired surrogate inside a string: the text is not valid Unicode. */
    static final class UnpairedSurrogateException extends IOException {
        UnpairedSurrogateException(int at) {
            super("unpaired surrogate at char " + at);
        }
    }

    /** Chars that end the fast scan of a string body: quote, backslash and control characters. */
    private static final boolean[] STRING_STOP = new boolean[128];

    /**
     * Every char that {@link #string} must look at: those of {@link #STRING_STOP} and surrogates. One load and
     * one branch per char of a string body instead of a range check, a load and a second range check.
     */
    private static final boolean[] STRING_SPECIAL = new boolean[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c < 0x20; c++) {
            STRING_STOP[c] = true;
        }
        STRING_STOP['"'] = true;
        STRING_STOP['\\'] = true;
        for (int c = 0; c < 128; c++) {
            STRING_SPECIAL[c] = STRING_STOP[c];
        }
        for (int c = Character.MIN_SURROGATE; c <= Character.MAX_SURROGATE; c++) {
            STRING_SPECIAL[c] = true;
        }
    }

    private final char[] buf;
    /** The text {@link #buf} was copied from: plain strings and numbers are cut from it (no char[] narrowing). */
    private final String text;
    private final int end;
    private int pos;
    /** Recently seen keys, by hash: rows repeat their keys, so most keys are found here, not allocated. */
    private final String[] keyCache = new String[512];
    /** The key list of the last object read at each depth, to share with the next object of the same shape. */
    private List<String>[] lastKeys;
    /** The chars of {@link #lastKeys}' keys at each depth, null for a key with chars that need checking. */
    private char[][][] lastKeyChars = new char[16][][];
    /** How many strings (values or keys) held an escape. */
    private int escapedStrings;
    /** How many whitespace chars were skipped between tokens (not inside strings). */
    private long whitespace;
    /** Scratch buffer for strings with escapes. */
    private char[] scratch = new char[64];

    @SuppressWarnings({"unchecked", "rawtypes"})
    private JsonReader(String text, int limit) {
        this.buf = new char[limit];
        text.getChars(0, limit, buf, 0);
        this.text = text;
        this.end = buf.length;
        this.lastKeys = new List[16];
    }

    /**
     * The first values of a document: the items of a root array, or the lines of JSON lines.
     *
     * @param items the values read, at least two
     * @param end where the last of them ends in the text
     */
    record Head(List<JsonValue> items, int end) {
    }

    /**
     * Reads the first items of a root array (or the first values of JSON lines) until at least {@code minChars}
     * chars are read, looking at no more than {@code 2 * minChars} chars. Null when the text is not such a
     * document, holds fewer than two values that end within that window, or is malformed there.
     */
    static Head readHead(String text, int minChars) {
        int limit = (int) Math.min(text.length(), 2L * minChars);
        JsonReader r = new JsonReader(text, limit);
        List<JsonValue> items = new ArrayList<>();
        int last = -1;
        try {
            r.skipWhitespace();
            if (r.pos >= r.end) {
                return null;
            }
            boolean array = r.buf[r.pos] == '[';
            if (array) {
                r.pos++;
                r.skipWhitespace();
            }
            while (r.pos < r.end && last < minChars) {
                char c = r.buf[r.pos];
                JsonValue v = r.value(array ? 1 : 0);
                if (!array && (c == '-' || (c >= '0' && c <= '9'))) {
                    return null;   // a root number needs the space after it, which may lie beyond the window
                }
                items.add(v);
                last = r.pos;
                r.skipWhitespace();
                if (array) {
                    if (r.pos >= r.end || r.buf[r.pos] != ',') {
                        return null;   // the whole array fits the window: nothing to save by probing
                    }
                    r.pos++;
                    r.skipWhitespace();
                }
            }
        } catch (IOException e) {
            if (limit == text.length()) {
                return null;
            }
            // an item cut by the window's end: the items before it are the head
        }
        return items.size() >= 2 && last >= 0 ? new Head(items, last) : null;
    }

    /**
     * Every top-level value in {@code text}, in order.
     *
     * @throws IOException for malformed JSON, nesting deeper than {@link #MAX_DEPTH} or oversized strings;
     *     {@link UnpairedSurrogateException} for a raw unpaired surrogate in a string
     */
    static List<JsonValue> readAll(String text) throws IOException {
        return read(text).values();
    }

    /**
     * The top-level values of a text, and whether any string in it (value or key) was written with an escape.
     *
     * @param values every top-level value, in order
     * @param hasEscapes false when every string was plain in the source, so each string's compact JSON is its
     *     text in quotes
     */
    record Document(List<JsonValue> values, boolean hasEscapes) {
    }

    /**
     * Like {@link #readAll}, also saying whether any string held an escape.
     *
     * @throws IOException as {@link #readAll} does
     */
    static Document read(String text) throws IOException {
        JsonReader r = new JsonReader(text, text.length());
        List<JsonValue> values = new ArrayList<>(1);
        while (true) {
            r.skipWhitespace();
            if (r.pos >= r.end) {
                return new Document(values, r.escapedStrings > 0);
            }
            char c = r.buf[r.pos];
            values.add(r.value(0));
            if ((c == '-' || (c >= '0' && c <= '9')) && r.pos < r.end && !isWhitespace(r.buf[r.pos])) {
                throw r.error("expected space separating root-level values");
            }
        }
    }

    private IOException error(String what) {
        return new IOException(what + " at char " + pos);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private void skipWhitespace() {
        int i = pos;
        // Compact JSON has no whitespace between tokens: one compare answers for most calls (every char
        // above ' ' is not whitespace).
        if (i < end && buf[i] > ' ') {
            return;
        }
        while (i < end) {
            char c = buf[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        whitespace += i - pos;
        pos = i;
    }

    private JsonValue value(int depth) throws IOException {
        if (pos >= end) {
            throw error("unexpected end of input");
        }
        char c = buf[pos];
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                pos++;
                return new JsonValue.Str(string(MAX_STRING_CHARS));
            case 't':
                literal("true");
                return JsonValue.Bool.TRUE;
            case 'f':
                literal("false");
                return JsonValue.Bool.FALSE;
            case 'n':
                literal("null");
                return JsonValue.Null.INSTANCE;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private void literal(String word) throws IOException {
        int n = word.length();
        if (pos + n > end) {
            throw error("unrecognized token");
        }
        for (int k = 1; k < n; k++) {
            if (buf[pos + k] != word.charAt(k)) {
                throw error("unrecognized token");
            }
        }
        pos += n;
        if (pos < end && Character.isJavaIdentifierPart(buf[pos])) {
            throw error("unrecognized token");
        }
    }

    private JsonValue number() throws IOException {
        int start = pos;
        int i = pos;
        if (buf[i] == '-') {
            i++;
        }
        if (i >= end) {
            throw error("bad number");
        }
        char c = buf[i];
        if (c == '0') {
            i++;
            if (i < end && buf[i] >= '0' && buf[i] <= '9') {
                throw error("leading zero in number");
            }
        } else if (c >= '1' && c <= '9') {
            i++;
            while (i < end && buf[i] >= '0' && buf[i] <= '9') {
                i++;
            }
        } else {
            throw error("bad number");
        }
        if (i < end && buf[i] == '.') {
            i++;
            int digits = i;
            while (i < end && buf[i] >= '0' && buf[i] <= '9') {
                i++;
            }
            if (i == digits) {
                throw error("bad number");
            }
        }
        if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            if (i < end && (buf[i] == '+' || buf[i] == '-')) {
                i++;
            }
            int digits = i;
            while (i < end && buf[i] >= '0' && buf[i] <= '9') {
                i++;
            }
            if (i == digits) {
                throw error("bad number");
            }
        }
        if (i - start > MAX_NUMBER_CHARS) {
            throw error("number longer than " + MAX_NUMBER_CHARS + " chars");
        }
        if (i < end && (Character.isJavaIdentifierPart(buf[i]) || buf[i] == '.')) {
            throw error("bad number");
        }
        pos = i;
        return new JsonValue.Num(text.substring(start, i));
    }

    private JsonValue.Arr array(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        pos++;
        skipWhitespace();
        List<JsonValue> items = new ArrayList<>();
        if (pos < end && buf[pos] == ']') {
            pos++;
            return new JsonValue.Arr(items);
        }
        // Each item's compact JSON length, when its source span is exactly that (see JsonValue.Arr#lengths):
        // consumers need every item's length, and a span costs two subtractions where walking the item
        // touches every string in it.
        int[] lengths = new int[8];
        int[] starts = new int[8];
        while (true) {
            int start = pos;
            int escapedBefore = escapedStrings;
            long whitespaceBefore = whitespace;
            items.add(value(depth));
            int n = items.size();
            if (n > lengths.length) {
                lengths = Arrays.copyOf(lengths, lengths.length * 2);
                starts = Arrays.copyOf(starts, lengths.length);
            }
            lengths[n - 1] = escapedStrings == escapedBefore && whitespace == whitespaceBefore ? pos - start : -1;
            starts[n - 1] = start;
            skipWhitespace();
            if (pos >= end) {
                throw error("unterminated array");
            }
            char c = buf[pos++];
            if (c == ']') {
                return new JsonValue.Arr(items, lengths, starts);
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
            skipWhitespace();
        }
    }

    private JsonValue.Obj object(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        pos++;
        skipWhitespace();
        if (pos < end && buf[pos] == '}') {
            pos++;
            return new JsonValue.Obj(new ArrayList<>(0), new ArrayList<>(0));
        }
        if (depth >= lastKeys.length) {
            lastKeys = Arrays.copyOf(lastKeys, Math.max(depth + 1, lastKeys.length * 2));
            lastKeyChars = Arrays.copyOf(lastKeyChars, lastKeys.length);
        }
        // Rows of a table repeat the previous row's keys: compare as we go and share that list if it matches.
        List<String> previous = lastKeys[depth];
        char[][] previousChars = lastKeyChars[depth];
        List<String> keys = null;
        int count = 0;
        List<JsonValue> values = new ArrayList<>(previous != null ? previous.size() : 10);
        while (true) {
            if (pos >= end || buf[pos] != '"') {
                throw error("expected a field name");
            }
            pos++;
            String key = keys == null && previousChars != null && count < previousChars.length
                    && previousChars[count] != null ? predictedKey(previous.get(count), previousChars[count]) : null;
            if (key == null) {
                key = key();
            }
            if (keys == null) {
                if (previous == null || count >= previous.size() || !previous.get(count).equals(key)) {
                    keys = new ArrayList<>(Math.max(10, count + 1));
                    for (int k = 0; k < count; k++) {
                        keys.add(previous.get(k));
                    }
                    keys.add(key);
                }
            } else {
                keys.add(key);
            }
            count++;
            skipWhitespace();
            if (pos >= end || buf[pos] != ':') {
                throw error("expected ':'");
            }
            pos++;
            skipWhitespace();
            values.add(value(depth));
            skipWhitespace();
            if (pos >= end) {
                throw error("unterminated object");
            }
            char c = buf[pos++];
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
            skipWhitespace();
        }
        if (keys == null) {
            if (count == previous.size()) {
                keys = previous;
            } else {
                keys = new ArrayList<>(previous.subList(0, count));
            }
        }
        if (keys != previous) {
            lastKeys[depth] = keys;
            lastKeyChars[depth] = null;
        } else if (previousChars == null) {
            // The second object of one shape: worth preparing the keys for prediction in the rows that follow.
            lastKeyChars[depth] = plainChars(keys);
        }
        return new JsonValue.Obj(keys, values);
    }

    /**
     * {@code expected} when the key at {@link #pos} (after its opening quote) is exactly {@code chars} (its
     * plain text, see {@link #plainChars}), then a quote; then {@link #pos} moves past the closing quote.
     * Otherwise null and nothing moves. Rows repeat the previous row's keys, so this usually answers with one
     * vectorised compare instead of hashing the key and looking it up; keys with anything {@link #key()} would
     * have to check (escapes, control chars, surrogates) are never predicted, so the same inputs are accepted
     * and refused as before.
     */
    private String predictedKey(String expected, char[] chars) {
        int len = chars.length;
        int close = pos + len;
        if (close >= end || buf[close] != '"') {
            return null;
        }
        if (len <= SHORT_KEY) {
            // Most keys are short: a plain loop beats the call and setup of a vectorised compare.
            for (int k = 0, p = pos; k < len; k++, p++) {
                if (buf[p] != chars[k]) {
                    return null;
                }
            }
        } else if (!Arrays.equals(buf, pos, close, chars, 0, len)) {
            return null;
        }
        pos = close + 1;
        return expected;
    }

    /**
     * Each key's chars when it is plain (no quote, backslash, control char or surrogate, so it is written the
     * same in the source and needs none of {@link #key()}'s checks), else null at that position.
     */
    private static char[][] plainChars(List<String> keys) {
        char[][] out = new char[keys.size()][];
        for (int k = 0; k < out.length; k++) {
            String key = keys.get(k);
            boolean plain = true;
            for (int i = 0, n = key.length(); i < n && plain; i++) {
                char c = key.charAt(i);
                plain = !STRING_SPECIAL[c];
            }
            out[k] = plain ? key.toCharArray() : null;
        }
        return out;
    }

    /** Reads an object key (after its opening quote), reusing an equal key read before. */
    private String key() throws IOException {
        int start = pos;
        int h = 0;
        int i = start;
        while (i < end) {
            char c = buf[i];
            if (c < 128 && STRING_STOP[c]) {
                break;
            }
            h = 31 * h + c;
            i++;
        }
        if (i < end && buf[i] == '"') {
            int len = i - start;
            if (len > MAX_KEY_CHARS) {
                throw error("field name longer than " + MAX_KEY_CHARS + " chars");
            }
            int slot = (h ^ (h >>> 9)) & (keyCache.length - 1);
            String cached = keyCache[slot];
            if (cached != null && cached.length() == len && cached.hashCode() == h) {
                boolean same = true;
                for (int k = 0; k < len; k++) {
                    if (cached.charAt(k) != buf[start + k]) {
                        same = false;
                        break;
                    }
                }
                if (same) {
                    pos = i + 1;
                    return cached;
                }
            }
            String key = string(MAX_KEY_CHARS);
            keyCache[slot] = key;
            return key;
        }
        return string(MAX_KEY_CHARS);
    }

    /** Reads a string body after its opening quote, through the closing quote. */
    private String string(int maxChars) throws IOException {
        int start = pos;
        int i = start;
        char c = 0;
        while (i < end) {
            c = buf[i];
            if (STRING_SPECIAL[c]) {
                if (c < 128) {
                    break;
                }
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(buf[i + 1])) {
                    i++;
                } else {
                    throw new UnpairedSurrogateException(i);
                }
            }
            i++;
        }
        if (i >= end) {
            throw error("unterminated string");
        }
        if (c == '"') {
            if (i - start > maxChars) {
                throw error("string longer than " + maxChars + " chars");
            }
            pos = i + 1;
            return text.substring(start, i);
        }
        if (c != '\\') {
            throw error("unescaped control character in string");
        }
        return escapedString(start, i, maxChars);
    }

    /** The rest of a string that holds escapes: {@code buf[start, i)} is plain, {@code buf[i]} is a backslash. */
    private String escapedString(int start, int i, int maxChars) throws IOException {
        escapedStrings++;
        int len = i - start;
        char[] out = scratch.length >= len + 16 ? scratch : new char[Math.max(len + 16, scratch.length * 2)];
        System.arraycopy(buf, start, out, 0, len);
        while (true) {
            if (i >= end) {
                throw error("unterminated string");
            }
            char c = buf[i++];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (i >= end) {
                    throw error("unterminated string");
                }
                char e = buf[i++];
                switch (e) {
                    case '"', '\\', '/' -> c = e;
                    case 'b' -> c = '\b';
                    case 'f' -> c = '\f';
                    case 'n' -> c = '\n';
                    case 'r' -> c = '\r';
                    case 't' -> c = '\t';
                    case 'u' -> {
                        if (i + 4 > end) {
                            throw error("bad unicode escape");
                        }
                        int v = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = Character.digit(buf[i + k], 16);
                            if (d < 0 || buf[i + k] > 'f') {
                                throw error("bad unicode escape");
                            }
                            v = (v << 4) | d;
                        }
                        i += 4;
                        c = (char) v;
                    }
                    default -> throw error("unrecognized escape '\\" + e + "'");
                }
            } else if (c < 0x20) {
                throw error("unescaped control character in string");
            } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                // only raw surrogates are checked: an escaped lone surrogate is valid JSON
                if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(buf[i])) {
                    if (len + 2 > out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[len++] = c;
                    out[len++] = buf[i++];
                    continue;
                }
                throw new UnpairedSurrogateException(i - 1);
            }
            if (len == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[len++] = c;
        }
        if (len > maxChars) {
            throw error("string longer than " + maxChars + " chars");
        }
        scratch = out.length <= 1 << 16 ? out : scratch;
        pos = i;
        return new String(out, 0, len);
    }
}
