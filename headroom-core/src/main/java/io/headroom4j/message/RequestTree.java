package io.headroom4j.message;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Reads a request body into the same Jackson tree as {@code Json.MAPPER.readTree(body)}, faster when it holds
 * long strings (the tool results of an agent's conversation, a few KB to hundreds of KB each).
 *
 * <p>Why: Jackson decodes a long string char by char into a segmented buffer and copies it into a string; for a
 * 237 KiB request with a 240 KB log (a {@code \n} escape every ~110 bytes) that was ~1.1 ms of the request's
 * on-path time when cold. Here each long string value is decoded on its own (plain runs copied eight bytes per
 * check, escapes one by one) and Jackson parses only what is left: the body with every long string value
 * swapped for a short stand-in, which a node factory turns back into the decoded string.
 *
 * <p>Same tree, or Jackson's: a literal this decoder does not accept exactly as Jackson would (a control
 * character, an unknown escape, invalid UTF-8) stays in the body for Jackson, and any doubt about the
 * stand-ins (one found twice, one missing) or any parse error makes it parse the whole body with Jackson, so
 * a malformed body fails with Jackson's own message.
 */
final class RequestTree {

    /** String values at least this many bytes long (quotes included) are decoded here. */
    static final int MIN_BYTES = 512;
    /** The text of a stand-in: this prefix and the literal's index; a body's own text may collide (then: Jackson). */
    private static final String STAND_IN = "\u0001headroom-literal:";
    private static final byte[] STAND_IN_JSON = "\\u0001headroom-literal:".getBytes(StandardCharsets.US_ASCII);

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private RequestTree() {
    }

    /** The tree of {@code body}, equal to {@code Json.MAPPER.readTree(body)}; throws what that throws. */
    static JsonNode read(byte[] body) throws IOException {
        return parse(body).tree();
    }

    /**
     * The tree of {@code body} and where its long string values sit in {@code body}.
     *
     * @param tree  equal to {@code Json.MAPPER.readTree(body)}
     * @param spans per decoded long string value (the very {@code String} object in the tree), the byte span
     *              {@code [start, end)} of its literal, quotes included; empty when Jackson read the whole body
     */
    record Parsed(JsonNode tree, IdentityHashMap<String, long[]> spans) {

        /** The span of the literal whose value is the object {@code text}, or null when not known. */
        long[] spanOf(String text) {
            return spans.get(text);
        }
    }

    /** {@link #read} that also keeps the spans of the long string values (the splice then needs no scan). */
    static Parsed parse(byte[] body) throws IOException {
        return parse(body, null);
    }

    /**
     * {@link #parse(byte[])} that hands each long string value of a field named {@code content}, {@code output} or
     * {@code text} (where request formats put tool output) to {@code early} as soon as it is decoded, before the
     * tree is built; {@code early} may be null. The strings handed over are the ones in the tree only when
     * {@link Parsed#spans()} is not empty.
     */
    static Parsed parse(byte[] body, Consumer<String> early) throws IOException {
        List<String> decoded = new ArrayList<>();
        IntList spans = new IntList();
        byte[] skeleton = skeleton(body, decoded, spans);
        if (skeleton == null) {
            return new Parsed(Json.MAPPER.readTree(body), new IdentityHashMap<>());
        }
        if (early != null) {
            for (int k = 0; k < decoded.size(); k++) {
                if (isToolTextField(body, spans.get(2 * k))) {
                    early.accept(decoded.get(k));
                }
            }
        }
        StandIns factory = new StandIns(decoded);
        JsonNode tree;
        try {
            tree = Json.MAPPER.reader().with(factory).readTree(skeleton);
        } catch (IOException | RuntimeException e) {
            // Jackson's own answer, and its own error message
            return new Parsed(Json.MAPPER.readTree(body), new IdentityHashMap<>());
        }
        if (!factory.allFoundOnce()) {
            return new Parsed(Json.MAPPER.readTree(body), new IdentityHashMap<>());
        }
        // Each decoded string is its own object, met exactly once in the tree: its identity names its literal.
        IdentityHashMap<String, long[]> byText = new IdentityHashMap<>(decoded.size() * 2);
        for (int k = 0; k < decoded.size(); k++) {
            byText.put(decoded.get(k), new long[] {spans.get(2 * k), spans.get(2 * k + 1)});
        }
        return new Parsed(tree, byText);
    }

    /**
     * {@code body} with each long string value replaced by a stand-in, its decoded text added to {@code decoded};
     * null when there is none to replace (or the body is not one this scan can follow).
     */
    static byte[] skeleton(byte[] body, List<String> decoded) {
        return skeleton(body, decoded, new IntList());
    }

    /**
     * {@link #skeleton(byte[], List)} that also adds each replaced literal's start and end offsets (quotes
     * included) to {@code spans}, two per decoded text.
     */
    private static byte[] skeleton(byte[] body, List<String> decoded, IntList spans) {
        int n = body.length;
        // What is left besides the long literals is small (the messages' structure): grown as needed, where an
        // array of the body's size would be zeroed for nothing.
        byte[] out = null;
        byte[] scratch = null;
        int copied = 0;
        int o = 0;
        int i = 0;
        while (i < n) {
            if (body[i] != '"') {
                i++;
                continue;
            }
            if (scratch == null) {
                scratch = Scratch.take(n);
            }
            // One pass finds the end and decodes a plain literal (the common case) into scratch.
            long r = scan(body, i, scratch);
            int e;
            String text = null;
            if (r >= 0) {
                e = (int) (r >>> 32);
                if (e - i >= MIN_BYTES && !isFieldName(body, e)) {
                    text = new String(scratch, 0, (int) r, StandardCharsets.ISO_8859_1);
                }
            } else {
                long end = SpanScanner.literalEnd(body, i);
                if (end < 0) {
                    return null;   // unterminated: Jackson says what is wrong
                }
                e = (int) end;
                if (e - i >= MIN_BYTES && !isFieldName(body, e)) {
                    text = decode(body, i + 1, e - 1);
                }
            }
            if (text != null) {
                byte[] stand = (STAND_IN + decoded.size()).getBytes(StandardCharsets.US_ASCII);
                int digits = stand.length - STAND_IN.length();
                int need = o + (i - copied) + 2 + STAND_IN_JSON.length + digits;
                if (out == null || need > out.length) {
                    out = out == null ? new byte[Math.max(need + 1024, Math.min(n, 4096))]
                            : Arrays.copyOf(out, Math.max(need + 1024, out.length * 2));
                }
                System.arraycopy(body, copied, out, o, i - copied);
                o += i - copied;
                out[o++] = '"';
                System.arraycopy(STAND_IN_JSON, 0, out, o, STAND_IN_JSON.length);
                o += STAND_IN_JSON.length;
                System.arraycopy(stand, STAND_IN.length(), out, o, digits);
                o += digits;
                out[o++] = '"';
                decoded.add(text);
                spans.add(i);
                spans.add(e);
                copied = e;
            }
            i = e;
        }
        if (out == null) {
            return null;
        }
        byte[] result = Arrays.copyOf(out, o + n - copied);
        System.arraycopy(body, copied, result, o, n - copied);
        return result;
    }

    /** A growable list of ints. */
    private static final class IntList {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int k) {
            return values[k];
        }
    }

    /**
     * A decode buffer kept per thread between requests: allocating one of the body's size per request zeroes it
     * first, for nothing (every byte read is written before). Buffers above {@link #KEEP_MAX} are not kept.
     */
    private static final class Scratch {
        static final int KEEP_MAX = 4 << 20;
        private static final ThreadLocal<byte[]> KEPT = new ThreadLocal<>();

        static byte[] take(int size) {
            byte[] kept = KEPT.get();
            if (kept != null && kept.length >= size) {
                return kept;
            }
            byte[] fresh = new byte[size];
            if (size <= KEEP_MAX) {
                KEPT.set(fresh);
            }
            return fresh;
        }
    }

    /**
     * Scans the literal whose opening quote is at {@code start}, decoding it into {@code out} as Latin-1 bytes:
     * returns the offset past its closing quote in the high half and the decoded length in the low half, or -1
     * when it is not plain (a byte >= 0x80, an escape beyond Latin-1, anything Jackson rejects, no end).
     */
    private static long scan(byte[] body, int start, byte[] out) {
        int n = body.length;
        int i = start + 1;
        int run = i;
        int o = 0;
        while (true) {
            // Eight bytes at a time while none is a quote, a backslash, a control character or a non-ASCII byte.
            while (i + 8 <= n) {
                long w = (long) LONGS.get(body, i);
                if (hasZeroByte(w ^ QUOTES) || hasZeroByte(w ^ BACKSLASHES) || ((w | (w - SPACES)) & HIGH_BITS) != 0) {
                    break;
                }
                i += 8;
            }
            byte b = 0;
            while (i < n) {
                b = body[i];
                if (b == '"' || b == '\\' || b < 0x20) {
                    break;   // (bytes >= 0x80 are negative)
                }
                i++;
            }
            if (i >= n) {
                return -1;
            }
            System.arraycopy(body, run, out, o, i - run);
            o += i - run;
            if (b == '"') {
                return (long) (i + 1) << 32 | o;
            }
            if (b != '\\') {
                return -1;
            }
            int c = escape(body, i, n);
            if (c < 0 || c > 0xFF) {
                return -1;
            }
            out[o++] = (byte) c;
            i += body[i + 1] == 'u' ? 6 : 2;
            run = i;
        }
    }

    private static final byte[][] TOOL_TEXT_FIELDS = {
        "content".getBytes(StandardCharsets.US_ASCII),
        "output".getBytes(StandardCharsets.US_ASCII),
        "text".getBytes(StandardCharsets.US_ASCII),
    };

    /** True when the literal starting at {@code start} is the value of a field named in {@link #TOOL_TEXT_FIELDS}. */
    private static boolean isToolTextField(byte[] body, int start) {
        int i = start - 1;
        while (i >= 0 && isSpace(body[i])) {
            i--;
        }
        if (i < 0 || body[i] != ':') {
            return false;
        }
        i--;
        while (i >= 0 && isSpace(body[i])) {
            i--;
        }
        if (i < 0 || body[i] != '"') {
            return false;
        }
        for (byte[] name : TOOL_TEXT_FIELDS) {
            int from = i - name.length;
            if (from >= 1 && body[from - 1] == '"' && Arrays.equals(body, from, i, name, 0, name.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** True when the literal ending before {@code end} is followed by a colon: an object's field name. */
    private static boolean isFieldName(byte[] body, int end) {
        for (int i = end; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == ':';
            }
        }
        return false;
    }

    /**
     * The string value of the literal whose content (between the quotes) is {@code body[from, to)}, decoded as
     * Jackson decodes it by default; null when Jackson would reject it or this decoder is not sure.
     */
    static String decode(byte[] body, int from, int to) {
        byte[] out = new byte[to - from];
        int o = 0;
        int i = from;
        int run = from;
        while (true) {
            // Eight bytes at a time while none is a backslash, a control character or a non-ASCII byte.
            while (i + 8 <= to) {
                long w = (long) LONGS.get(body, i);
                if (hasZeroByte(w ^ BACKSLASHES) || ((w | (w - SPACES)) & HIGH_BITS) != 0) {
                    break;
                }
                i += 8;
            }
            while (i < to) {
                byte b = body[i];
                if (b == '\\' || b < 0x20) {
                    break;   // (bytes >= 0x80 are negative)
                }
                i++;
            }
            System.arraycopy(body, run, out, o, i - run);
            o += i - run;
            if (i >= to) {
                return new String(out, 0, o, StandardCharsets.ISO_8859_1);
            }
            if (body[i] != '\\') {
                return body[i] < 0 ? decodeUtf8(body, from, to) : null;   // raw control char: Jackson rejects it
            }
            int c = escape(body, i, to);
            if (c < 0) {
                return null;
            }
            if (c > 0xFF) {
                return decodeUtf8(body, from, to);
            }
            out[o++] = (byte) c;
            i += body[i + 1] == 'u' ? 6 : 2;
            run = i;
        }
    }

    /** {@link #decode} for text with non-Latin-1 characters: strict UTF-8 between the escapes. */
    private static String decodeUtf8(byte[] body, int from, int to) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder sb = new StringBuilder(to - from);
        int i = from;
        int run = from;
        try {
            while (i < to) {
                byte b = body[i];
                if (b >= 0 && b < 0x20) {
                    return null;   // control chars never occur inside a multi-byte sequence (those are >= 0x80)
                }
                if (b != '\\') {
                    i++;
                    continue;
                }
                append(sb, utf8, body, run, i);
                int c = escape(body, i, to);
                if (c < 0) {
                    return null;
                }
                sb.append((char) c);
                i += body[i + 1] == 'u' ? 6 : 2;
                run = i;
            }
            append(sb, utf8, body, run, to);
        } catch (CharacterCodingException e) {
            return null;   // not valid UTF-8: Jackson's call
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, CharsetDecoder utf8, byte[] body, int from, int to)
            throws CharacterCodingException {
        if (to > from) {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(body, from, to - from));
            sb.append(chars);
        }
    }

    /** The char of the escape at {@code body[i]} (a backslash), or -1 when Jackson's defaults reject it. */
    private static int escape(byte[] body, int i, int to) {
        if (i + 1 >= to) {
            return -1;
        }
        return switch (body[i + 1]) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (i + 6 > to) {
                    yield -1;
                }
                int c = 0;
                for (int k = i + 2; k < i + 6; k++) {
                    int d = Character.digit(body[k], 16);
                    if (d < 0) {
                        yield -1;
                    }
                    c = c << 4 | d;
                }
                yield c;
            }
            default -> -1;
        };
    }

    /** True when some byte of {@code w} is zero. */
    private static boolean hasZeroByte(long w) {
        return ((w - LOW_BITS) & ~w & HIGH_BITS) != 0;
    }

    /** Turns stand-ins back into the decoded strings, and notes whether each was met exactly once. */
    private static final class StandIns extends JsonNodeFactory {
        private final transient List<String> decoded;
        private final transient int[] found;
        private transient boolean clash;

        StandIns(List<String> decoded) {
            super();
            this.decoded = decoded;
            this.found = new int[decoded.size()];
        }

        @Override
        public TextNode textNode(String text) {
            if (text != null && text.startsWith(STAND_IN)) {
                int index = indexOf(text);
                if (index >= 0 && index < decoded.size()) {
                    if (found[index]++ > 0) {
                        clash = true;
                    }
                    return super.textNode(decoded.get(index));
                }
            }
            return super.textNode(text);
        }

        private static int indexOf(String text) {
            int n = 0;
            int len = text.length();
            if (len == STAND_IN.length() || len > STAND_IN.length() + 9) {
                return -1;
            }
            for (int k = STAND_IN.length(); k < len; k++) {
                char c = text.charAt(k);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }

        boolean allFoundOnce() {
            if (clash) {
                return false;
            }
            for (int f : found) {
                if (f != 1) {
                    return false;
                }
            }
            return true;
        }
    }
}
