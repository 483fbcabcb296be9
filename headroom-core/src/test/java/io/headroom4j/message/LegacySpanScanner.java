package io.headroom4j.message;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * SpanScanner as it was before session 4 (finishToken() on each asked-for string, the whole document parsed),
 * kept in test scope so a property can prove the faster one finds the same spans. Do not change it.
 *
 * <p>Former description:
 * Finds the byte span of string values in a JSON document, so they can be replaced without touching
 * a byte around them. Only the pointers asked for are recorded.
 *
 * <p>Jackson reports where each token starts; a string's end is read after {@code finishToken()}, when the
 * parser stands just past its closing quote. Both offsets count bytes of the original input.
 */
final class LegacySpanScanner {

    private LegacySpanScanner() {
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
                            p.finishToken();
                            long end = p.currentLocation().getByteOffset();
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
