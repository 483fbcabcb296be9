package io.headroom4j.message;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Finds the byte span of string values in a JSON document, so they can be replaced without touching
 * a byte around them. Only the pointers asked for are recorded.
 *
 * <p>Jackson reports where each token starts; a string's end is found by scanning the bytes to its closing
 * quote (the same offset {@code finishToken()} would leave the parser at, without decoding the string). Both
 * offsets count bytes of the original input.
 */
final class SpanScanner {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** Literals at least this long are not skipped by the parser (see {@link #spans}). */
    private static final int RESUME_MIN_BYTES = 4096;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private SpanScanner() {
    }

    /** Byte spans {@code [start, end)} of the string literals (quotes included) at {@code pointers}. */
    static Map<String, long[]> spans(byte[] body, Set<String> pointers) throws IOException {
        Map<String, long[]> found = new HashMap<>();
        if (pointers.isEmpty()) {
            return found;
        }
        int maxDepth = 0;
        for (String p : pointers) {
            int depth = 0;
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) == '/') {
                    depth++;
                }
            }
            maxDepth = Math.max(maxDepth, depth);
        }
        List<Object> path = new ArrayList<>();     // String field names and int[] array counters
        JsonParser p = Json.FACTORY.createParser(body);
        long delta = 0;                            // body offset = parser offset + delta
        try {
            JsonToken t;
            String pendingField = null;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    pendingField = p.currentName();
                    continue;
                }
                // Entering a value: note its key (field name or next array index) on the path.
                Object key = null;
                if (!path.isEmpty() && path.get(path.size() - 1) instanceof int[] counter) {
                    key = counter[0]++;
                } else if (pendingField != null) {
                    key = pendingField;
                }
                pendingField = null;
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        if (path.size() / 2 >= maxDepth) {
                            p.skipChildren();      // deeper than any pointer asked for
                        } else {
                            path.add(key == null ? "" : key);
                            path.add(t == JsonToken.START_ARRAY ? new int[] {0} : "{");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.remove(path.size() - 1);
                        path.remove(path.size() - 1);
                    }
                    case VALUE_STRING -> {
                        String pointer = pointerOf(path, key);
                        if (pointers.contains(pointer)) {
                            long start = p.currentTokenLocation().getByteOffset() + delta;
                            long end = literalEnd(body, start);
                            if (end < 0) {
                                p.finishToken();
                                end = p.currentLocation().getByteOffset() + delta;
                            } else if (end - start >= RESUME_MIN_BYTES && !path.isEmpty()) {
                                // Jackson would still skip the long literal byte by byte: go on with a parser
                                // over the rest, placed by a stand-in for the containers it is in.
                                byte[] stand = standIn(path);
                                JsonParser rest = resumed(stand, body, (int) end);
                                p.close();
                                p = rest;
                                delta = end - stand.length;
                                for (int k = tokensOf(path); k > 0; k--) {
                                    p.nextToken();
                                }
                            }
                            found.put(pointer, new long[] {start, end});
                        }
                    }
                    default -> {
                        // numbers, booleans, null: nothing to record
                    }
                }
            }
        } finally {
            p.close();
        }
        return found;
    }

    /**
     * The offset just past the closing quote of the string literal whose opening quote is at {@code start}, or
     * -1 when there is none. A byte scan, not a decode: in UTF-8 the bytes of {@code "} and {@code \} never
     * occur inside a multi-byte character, and an escape is a backslash and at least one more byte. The parser
     * then skips the literal without building it as a string (it still checks it on the way).
     */
    static long literalEnd(byte[] body, long start) {
        if (start < 0 || start >= body.length || body[(int) start] != '"') {
            return -1;
        }
        int i = (int) start + 1;
        int n = body.length;
        while (i < n) {
            // Eight bytes at a time while none of them is a quote or a backslash (most of a long literal).
            while (i + 8 <= n) {
                long w = (long) LONGS.get(body, i);
                if (hasZeroByte(w ^ QUOTES) || hasZeroByte(w ^ BACKSLASHES)) {
                    break;
                }
                i += 8;
            }
            if (i >= n) {
                break;   // unterminated (the request tree's scan meets malformed bodies too)
            }
            byte b = body[i];
            if (b == '"') {
                return i + 1;
            }
            i += b == '\\' ? 2 : 1;
        }
        return -1;
    }

    /**
     * The containers on {@code path} opened again, up to an empty string in place of the literal just found:
     * <code>{"":[{"":""</code> for an object, an array and an object. A parser that reads it and then the rest of the
     * body stands where the first one stood after the literal, at the same depth.
     */
    private static byte[] standIn(List<Object> path) {
        StringBuilder sb = new StringBuilder(path.size() * 2 + 2);
        for (int i = 1; i < path.size(); i += 2) {
            sb.append(path.get(i) instanceof int[] ? "[" : "{\"\":");
        }
        return sb.append("\"\"").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** How many tokens a parser reads in {@link #standIn}: two per object, one per array, one for the string. */
    private static int tokensOf(List<Object> path) {
        int n = 1;
        for (int i = 1; i < path.size(); i += 2) {
            n += path.get(i) instanceof int[] ? 1 : 2;
        }
        return n;
    }

    private static JsonParser resumed(byte[] standIn, byte[] body, int from) throws IOException {
        byte[] input = new byte[standIn.length + body.length - from];
        System.arraycopy(standIn, 0, input, 0, standIn.length);
        System.arraycopy(body, from, input, standIn.length, body.length - from);
        return Json.FACTORY.createParser(input);
    }

    /** True when some byte of {@code w} is zero (exact for "some"; which one is not needed here). */
    private static boolean hasZeroByte(long w) {
        return ((w - LOW_BITS) & ~w & HIGH_BITS) != 0;
    }

    private static String pointerOf(List<Object> path, Object key) {
        StringBuilder sb = new StringBuilder(32);
        // path holds pairs (key-of-container, container-marker); the root container's key is "".
        for (int i = 2; i < path.size(); i += 2) {
            sb.append('/').append(escape(path.get(i)));
        }
        sb.append('/').append(escape(key));
        return sb.toString();
    }

    private static String escape(Object key) {
        String s = String.valueOf(key);
        return s.indexOf('~') < 0 && s.indexOf('/') < 0 ? s : s.replace("~", "~0").replace("/", "~1");
    }
}
