package io.headroom4j.token;

/**
 * Counts the tokens a model would see for a piece of text. Thread-safe; never throws for any string.
 */
@FunctionalInterface
public interface TokenCounter {

    /** Number of tokens in {@code text}; 0 for the empty string. */
    int count(String text);

    /**
     * True when {@code text} has at least {@code n} tokens; the same answer as {@code count(text) >= n}.
     * Counters that can stop early (jtokkit's) do, so the cost follows {@code n}, not the length of the text:
     * a size threshold on a long text costs only the threshold.
     */
    default boolean atLeast(String text, int n) {
        return n <= 0 || count(text) >= n;
    }

    /** A short name for reports, such as {@code o200k_base}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
