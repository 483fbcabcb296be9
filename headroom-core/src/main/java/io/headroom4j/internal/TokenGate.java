package io.headroom4j.internal;

import io.headroom4j.token.TokenCounter;

/** Cheap checks of whether text reaches a token count, without tokenizing more than needed. */
public final class TokenGate {

    private TokenGate() {
    }

    /**
     * True when {@code text} has at least {@code min} tokens. Every token covers at least one character,
     * so short text is rejected without counting; long text is decided on a prefix when that prefix
     * already reaches {@code min}.
     */
    public static boolean atLeast(TokenCounter counter, String text, int min) {
        if (min <= 0) {
            return true;
        }
        if (text.length() < min) {
            return false;
        }
        // Tokens grow about linearly with length, so a prefix of 4x (code and tool output average 3-4
        // characters a token) usually decides, and its count tells how long a second prefix must be.
        int prefix = (int) Math.min(text.length(), 4L * min);
        int count = counter.count(text.substring(0, prefix));
        while (count < min && prefix < text.length()) {
            double perToken = (double) prefix / Math.max(1, count);
            prefix = (int) Math.min(text.length(), Math.max(2L * prefix, (long) (perToken * min * 1.25)));
            count = counter.count(text.substring(0, prefix));
        }
        return count >= min;
    }
}
