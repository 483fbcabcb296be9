package io.headroom4j.internal;

import io.headroom4j.token.TokenCounter;

/** Cheap checks of whether text reaches a token count, without tokenizing more than needed. */
public final class TokenGate {

    private TokenGate() {
    }

    /**
     * True when {@code text} has at least {@code min} tokens by {@code counter}; the same answer as
     * {@code counter.count(text) >= min}, usually without tokenizing the text.
     *
     * <p>For the tiktoken encodings ({@code o200k_base}, {@code cl100k_base}) two cheap counts are lower
     * bounds, because every piece of their pre-tokenizer is at least one token: whitespace-separated words
     * (no piece spans whitespace between two words) and runs of letters or of digits (a piece holds at most
     * one letter run, or one run of up to three digits; a run right after an ASCII apostrophe is not counted,
     * since "'t" joins the word before it). When either reaches {@code min} the answer is yes after one
     * character scan; otherwise the text is counted, by the tiktoken encodings only up to {@code min} tokens
     * ({@link TokenCounter#atLeast}). Length alone never decides no: a CJK character or an emoji can be
     * several tokens.
     */
    public static boolean atLeast(TokenCounter counter, String text, int min) {
        if (min <= 0) {
            return true;
        }
        return lowerBoundReaches(counter, text, min) || counter.atLeast(text, min);
    }

    /** True when a proven lower bound of the tiktoken count (words, letter/digit runs) reaches {@code min}. */
    private static boolean lowerBoundReaches(TokenCounter tokens, String content, int min) {
        String name = tokens.name();
        return name != null && (name.startsWith("o200k_base") || name.startsWith("cl100k_base"))
                && (words(content, min) >= min || runs(content, min) >= min);
    }

    /** Runs of letters (with combining marks) and runs of digits, counting stops at {@code limit}. */
    static int runs(String s, int limit) {
        int n = 0;
        int prev = 0;   // 0 other, 1 letter, 2 digit
        for (int i = 0; i < s.length() && n < limit; i++) {
            char c = s.charAt(i);
            int cls;
            if (Character.isLetter(c) || isMark(c) || Character.isSurrogate(c)) {
                cls = 1;
            } else if (Character.isDigit(c)) {
                cls = 2;
            } else {
                cls = 0;
            }
            if (cls != 0 && cls != prev && !(cls == 1 && i > 0 && s.charAt(i - 1) == '\'')) {
                n++;
            }
            prev = cls;
        }
        return n;
    }

    private static boolean isMark(char c) {
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK
                || t == Character.COMBINING_SPACING_MARK;
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
