package io.headroom4j.bench.eval;

import java.util.Objects;

/**
 * One piece of information an agent may need from a tool output, found by {@link FactExtractor}.
 *
 * @param kind   what sort of fact it is
 * @param needle the text that must survive: a whole error line, a path, a URL, a hash, an id, or the
 *               number of a key/number pair
 * @param key    for {@link Kind#NUMBER}, the key the number belongs to; empty otherwise
 */
public record Fact(Kind kind, String needle, String key) {

    /** The kinds of facts, in report order. */
    public enum Kind {
        /** A line saying something failed: error, exception, failure, warning, stack frame, non-zero exit. */
        ERROR,
        /** A number together with its key ({@code duration=30036ms}, {@code "bytes": 5120}). */
        NUMBER,
        /** A file path with at least two separators, or {@code path:line}. */
        PATH,
        /** An http(s) URL. */
        URL,
        /** A hex hash (7 to 64 hex digits with letters and digits) or a UUID. */
        HASH,
        /** An identifier such as {@code req-37c714cf}, {@code SKU-0042}, {@code ord_004211}. */
        ID,
        /** A dependency version conflict ({@code omitted for conflict with}, {@code invalid}, {@code UNMET}). */
        CONFLICT
    }

    public Fact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(needle, "needle");
        key = key == null ? "" : key;
    }

    /** A fact without a key. */
    public static Fact of(Kind kind, String needle) {
        return new Fact(kind, needle, "");
    }
}
