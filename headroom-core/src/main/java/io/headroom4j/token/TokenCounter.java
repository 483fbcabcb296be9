package io.headroom4j.token;

/**
 * Counts the tokens a model would see for a piece of text. Thread-safe; never throws for any string.
 */
@FunctionalInterface
public interface TokenCounter {

    /** Number of tokens in {@code text}; 0 for the empty string. */
    int count(String text);

    /** A short name for reports, such as {@code o200k_base}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
