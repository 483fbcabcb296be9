package io.headroom4j.compress.json;

import java.util.List;

/** The length of a value's compact JSON, computed without writing it. */
final class JsonLength {

    private JsonLength() {
    }

    static long of(JsonValue v) {
        if (v instanceof JsonValue.Str s) {
            return stringLength(s.value());
        } else if (v instanceof JsonValue.Num n) {
            return n.literal().length();
        } else if (v instanceof JsonValue.Obj o) {
            List<String> keys = o.keys();
            List<JsonValue> values = o.values();
            int n = keys.size();
            long len = 2L + Math.max(0, n - 1) + n;   // braces, commas, colons
            for (int i = 0; i < n; i++) {
                len += stringLength(keys.get(i)) + of(values.get(i));
            }
            return len;
        } else if (v instanceof JsonValue.Arr a) {
            List<JsonValue> items = a.items();
            int n = items.size();
            long len = 2L + Math.max(0, n - 1);
            for (int i = 0; i < n; i++) {
                len += of(items.get(i));
            }
            return len;
        } else if (v instanceof JsonValue.Bool b) {
            return b.value() ? 4 : 5;
        }
        return 4;
    }

    /** Quoted length; escapes are rare enough that counting them exactly is not worth a scan. */
    private static long stringLength(String s) {
        return s.length() + 2L;
    }
}
