package io.headroom4j.internal;

import io.headroom4j.token.TokenCounter;

/** Checks a token threshold without tokenizing a long input in full. */
public final class TokenGate {

    private TokenGate() {
    }

    /**
     * True when {@code content} has at least {@code min} tokens by {@code tokens}.
     *
     * <p>For the tiktoken encodings ({@code o200k_base}, {@code cl100k_base}) the count of
     * whitespace-separated words is a lower bound: their pre-tokenizer never joins two such words into one
     * piece, and every piece is at least one token. So when there are {@code min} words the answer is yes
     * after one character scan; otherwise (short text, or another counter) the text is counted.
     */
    public static boolean hasAtLeast(String content, int min, TokenCounter tokens) {
        if (min <= 0) {
            return true;
        }
        String name = tokens.name();
        if (name != null && (name.startsWith("o200k_base") || name.startsWith("cl100k_base"))
                && words(content, min) >= min) {
            return true;
        }
        return tokens.count(content) >= min;
    }

    /** Whitespace-separated words in {@code s}, counting stops at {@code limit}. */
    static int words(String s, int limit) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < s.length() && n < limit; i++) {
            boolean space = Character.isWhitespace(s.charAt(i));
            if (!space && !in) {
                n++;
            }
            in = !space;
        }
        return n;
    }
}
