package io.headroom4j.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Byte-level edits of a JSON request body that leave every other byte exactly as it was: appending to a
 * top-level array, adding a top-level field. Re-serialising a body through a JSON tree would change
 * number literals, escapes and whitespace, and with them the provider's prompt-cache prefix; splicing
 * does not.
 */
final class JsonSplice {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonSplice() {
    }

    /** Where a top-level field's value sits: {@code [start, end)} byte offsets, or null when absent. */
    record Range(int start, int end) {
    }

    /** The byte range of the value of top-level {@code field}, or null when the body has no such field. */
    static Range topLevelValue(byte[] body, String field) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int start = (int) p.currentTokenLocation().getByteOffset();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    p.finishToken();   // strings are parsed lazily; the end offset needs the whole token
                }
                int end = (int) p.currentLocation().getByteOffset();
                if (name.equals(field)) {
                    return new Range(start, end);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Offset of the closing brace of the top-level object, or -1 when the body is not one JSON object. */
    static int objectEnd(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            p.skipChildren();
            return (int) p.currentTokenLocation().getByteOffset();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Appends {@code items} (JSON texts) to the top-level array {@code field}, creating the field at the
     * end of the object when it is absent. Returns null when the body is not an object or the field is
     * not an array.
     */
    static byte[] appendToArray(byte[] body, String field, List<String> items) {
        if (items.isEmpty()) {
            return body;
        }
        String joined = String.join(",", items);
        Range r = topLevelValue(body, field);
        if (r == null) {
            int end = objectEnd(body);
            if (end < 0) {
                return null;
            }
            boolean empty = onlyWhitespace(body, firstAfter(body, '{'), end);
            String insert = (empty ? "" : ",") + "\"" + field + "\":[" + joined + "]";
            return insert(body, end, insert);
        }
        if (body[r.start()] != '[' || body[r.end() - 1] != ']') {
            return null;
        }
        boolean empty = onlyWhitespace(body, r.start() + 1, r.end() - 1);
        return insert(body, r.end() - 1, (empty ? "" : ",") + joined);
    }

    /** Replaces the value of top-level {@code field} with {@code json}; null when the field is absent. */
    static byte[] replaceValue(byte[] body, String field, String json) {
        Range r = topLevelValue(body, field);
        if (r == null) {
            return null;
        }
        byte[] add = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length - (r.end() - r.start()) + add.length];
        System.arraycopy(body, 0, out, 0, r.start());
        System.arraycopy(add, 0, out, r.start(), add.length);
        System.arraycopy(body, r.end(), out, r.start() + add.length, body.length - r.end());
        return out;
    }

    private static int firstAfter(byte[] body, char c) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == c) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean onlyWhitespace(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static byte[] insert(byte[] body, int at, String text) {
        byte[] add = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + add.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(add, 0, out, at, add.length);
        System.arraycopy(body, at, out, at + add.length, body.length - at);
        return out;
    }
}
