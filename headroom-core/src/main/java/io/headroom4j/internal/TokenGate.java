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
        // Code and tool output average 3-4 characters a token, so a prefix of 4x usually decides; a token
        // rarely spans more than 16 characters, so 16x nearly always does (SearchDiffTreeBenchmark).
        int small = (int) Math.min(text.length(), 4L * min);
        int count = counter.count(text.substring(0, small));
        if (count >= min) {
            return true;
        }
        if (small == text.length()) {
            return false;
        }
        int large = (int) Math.min(text.length(), 16L * min);
        if (counter.count(text.substring(0, large)) >= min) {
            return true;
        }
        return large < text.length() && counter.count(text) >= min;
    }
}
