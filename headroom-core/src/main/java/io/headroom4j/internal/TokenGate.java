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
        // A token rarely spans more than 16 characters in code and tool output.
        int prefix = (int) Math.min(text.length(), 16L * min);
        if (counter.count(text.substring(0, prefix)) >= min) {
            return true;
        }
        return prefix < text.length() && counter.count(text) >= min;
    }
}
