package io.headroom4j.token;

/**
 * Counts the tokens a model would see for a piece of text. Thread-safe; never throws for any string.
 */
@FunctionalInterface
public interface TokenCounter {

    /** Number of tokens in {@code text}; 0 for the empty string. */
    int count(String text);

    /**
     * True when {@code text} has at least {@code min} tokens. The default counts the whole text; counters
     * that can stop early (the tiktoken encodings) stop once {@code min} tokens are reached.
     */
    default boolean atLeast(String text, int min) {
        return min <= 0 || count(text) >= min;
    }

    /** A short name for reports, such as {@code o200k_base}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
