package io.headroom4j.compress.json;

import java.util.List;

/** Writes {@link JsonValue}s as compact JSON: no spaces, keys in order, numbers as their literals. */
final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    /** The compact JSON text of {@code v}. */
    static String toJson(JsonValue v) {
        StringBuilder sb = new StringBuilder(64);
        write(v, sb);
        return sb.toString();
    }

    /** Appends the compact JSON text of {@code v} to {@code sb}. */
    static void write(JsonValue v, StringBuilder sb) {
        write(v, sb, false);
    }

    /**
     * Like {@link #write}, for a value read from JSON text without escapes ({@link JsonReader.Document#hasEscapes()}
     * false): none of its strings or keys holds a quote, backslash, control char or unpaired surrogate (the
     * reader rejects them raw), so {@link #writeString} would only add the quotes, and this copies each string
     * whole instead of checking it char by char. Same output as {@link #write} for such values.
     */
    static void writePlain(JsonValue v, StringBuilder sb) {
        write(v, sb, true);
    }

    private static void write(JsonValue v, StringBuilder sb, boolean plain) {
        if (v instanceof JsonValue.Str s) {
            string(s.value(), sb, plain);
        } else if (v instanceof JsonValue.Num n) {
            sb.append(n.literal());
        } else if (v instanceof JsonValue.Obj o) {
            sb.append('{');
            List<String> keys = o.keys();
            List<JsonValue> values = o.values();
            for (int i = 0, n = keys.size(); i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(keys.get(i), sb, plain);
                sb.append(':');
                write(values.get(i), sb, plain);
            }
            sb.append('}');
        } else if (v instanceof JsonValue.Arr a) {
            sb.append('[');
            List<JsonValue> items = a.items();
            for (int i = 0, n = items.size(); i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(items.get(i), sb, plain);
            }
            sb.append(']');
        } else if (v instanceof JsonValue.Bool b) {
            sb.append(b.value() ? "true" : "false");
        } else {
            sb.append("null");
        }
    }

    private static void string(String s, StringBuilder sb, boolean plain) {
        if (plain) {
            sb.append('"').append(s).append('"');
        } else {
            writeString(s, sb);
        }
    }

    /**
     * Appends {@code s} as a JSON string literal. Non-ASCII text stays as it is (cheaper in tokens), but
     * control characters and unpaired surrogates are escaped so the output is valid UTF-16 and valid JSON.
     */
    static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String esc = null;
            if (c < 0x20 || c == '"' || c == '\\') {
                esc = switch (c) {
                    case '"' -> "\\\"";
                    case '\\' -> "\\\\";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    default -> null;
                };
                if (esc == null) {
                    sb.append(s, start, i);
                    appendUnicodeEscape(c, sb);
                    start = i + 1;
                    continue;
                }
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                sb.append(s, start, i);
                appendUnicodeEscape(c, sb);
                start = i + 1;
                continue;
            } else {
                continue;
            }
            sb.append(s, start, i).append(esc);
            start = i + 1;
        }
        sb.append(s, start, n).append('"');
    }

    private static void appendUnicodeEscape(char c, StringBuilder sb) {
        sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }
}
