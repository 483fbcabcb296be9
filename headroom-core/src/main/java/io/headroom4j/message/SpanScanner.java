package io.headroom4j.message;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
        try (JsonParser p = Json.FACTORY.createParser(body)) {
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
                            long start = p.currentTokenLocation().getByteOffset();
                            long end = literalEnd(body, start);
                            if (end < 0) {
                                p.finishToken();
                                end = p.currentLocation().getByteOffset();
                            }
                            found.put(pointer, new long[] {start, end});
                        }
                    }
                    default -> {
                        // numbers, booleans, null: nothing to record
                    }
                }
            }
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
            byte b = body[i];
            if (b == '"') {
                return i + 1;
            }
            i += b == '\\' ? 2 : 1;
        }
        return -1;
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
