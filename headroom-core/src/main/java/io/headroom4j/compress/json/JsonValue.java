package io.headroom4j.compress.json;

import java.util.List;

/**
 * A JSON value that keeps everything a lossless round trip needs: object keys in their order (duplicates
 * included), and numbers as their literal text ({@code 1.0}, {@code 1}, {@code 1e3} and {@code -0} stay
 * distinct). Records, so two values are equal exactly when they would print the same compact JSON.
 */
sealed interface JsonValue permits JsonValue.Str, JsonValue.Num, JsonValue.Bool, JsonValue.Null,
        JsonValue.Arr, JsonValue.Obj {

    /** A JSON string, already unescaped. */
    record Str(String value) implements JsonValue {
    }

    /** A JSON number, as its literal text in the source. */
    record Num(String literal) implements JsonValue {
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements JsonValue {
        static final Bool TRUE = new Bool(true);
        static final Bool FALSE = new Bool(false);

        static Bool of(boolean b) {
            return b ? TRUE : FALSE;
        }
    }

    /** {@code null}. */
    record Null() implements JsonValue {
        static final Null INSTANCE = new Null();
    }

    /**
     * A JSON array.
     *
     * @param items the items
     * @param lengths when not null, {@code lengths[i]} is {@link JsonLength#of} item {@code i} where the reader
     *     knew it from the item's span in the source (no whitespace and no escaped string inside it, so the
     *     span is exactly the item's compact JSON), and -1 where it did not; a cache only, not part of the
     *     value: {@link #equals} and {@link #hashCode} look at the items alone
     * @param starts when not null, {@code starts[i]} is where item {@code i} begins in the text it was read from,
     *     wherever {@code lengths[i]} is known: that text's {@code [starts[i], starts[i] + lengths[i])} is then the
     *     item's compact JSON, so its text can be cut from the source instead of written again; a cache too
     */
    record Arr(List<JsonValue> items, int[] lengths, int[] starts) implements JsonValue {

        /** An array without known lengths. */
        Arr(List<JsonValue> items) {
            this(items, null, null);
        }

        /** An array with known lengths but no source offsets. */
        Arr(List<JsonValue> items, int[] lengths) {
            this(items, lengths, null);
        }

        /** {@link JsonLength#of} item {@code i}: from the source span when the reader knew it. */
        long length(int i) {
            int known = lengths == null ? -1 : lengths[i];
            return known >= 0 ? known : JsonLength.of(items.get(i));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Arr a && items.equals(a.items);
        }

        @Override
        public int hashCode() {
            return items.hashCode();
        }

        @Override
        public String toString() {
            return "Arr[items=" + items + "]";
        }
    }

    /** A JSON object: keys and values side by side, in source order, duplicates kept. */
    record Obj(List<String> keys, List<JsonValue> values) implements JsonValue {
        int size() {
            return keys.size();
        }

        /** True when some key occurs twice; such an object cannot be a table row. */
        boolean hasDuplicateKeys() {
            int n = keys.size();
            if (n < 2) {
                return false;
            }
            if (n <= 8) {
                for (int i = 1; i < n; i++) {
                    String k = keys.get(i);
                    for (int j = 0; j < i; j++) {
                        if (keys.get(j).equals(k)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            java.util.HashSet<String> seen = new java.util.HashSet<>(n * 2);
            for (int i = 0; i < n; i++) {
                if (!seen.add(keys.get(i))) {
                    return true;
                }
            }
            return false;
        }
    }
}
