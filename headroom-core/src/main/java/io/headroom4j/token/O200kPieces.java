package io.headroom4j.token;

/**
 * Splits text into the pre-token pieces of {@code o200k_base} with a character scan, giving exactly the pieces that
 * jtokkit's regular expression gives. Stateless; never throws for any string, including lone surrogates.
 */
final class O200kPieces {

    /*
     * jtokkit 1.1.0 compiles this with Pattern.UNICODE_CHARACTER_CLASS (so \s is Unicode White_Space, and the
     * (?i:...) group also folds by Unicode case) and walks the text with Matcher.find():
     *
     *   1  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
     *   2  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
     *   3  \p{N}{1,3}
     *   4   ?[^\s\p{L}\p{N}]+[\r\n/]*
     *   5  \s*[\r\n]+
     *   6  \s+(?!\S)
     *   7  \s+
     *
     * The first alternative that matches at a position wins, with the match its first successful backtracking path
     * gives (not the longest). Every code point starts some alternative, so find() never skips text. Per alternative:
     *
     * 1: the optional prefix is tried first with, then without. [A]* (A = Lu Lt Lm Lo M) takes the longest run, then
     *    gives back one code point at a time until [B]+ (B = Ll Lm Lo M) can start: the start is the end of the A-run
     *    when a B follows it, else the last code point inside the A-run that is also a B (Lm, Lo or a mark); [B]+ then
     *    runs forward as far as it can (past the A-run's end too). In "\u3042B!" that gives "\u3042", not
     *    "\u3042B". Without the prefix, a non-letter can start only when it is a mark, which is a B: it always
     *    succeeds then.
     * 2: A+ from the start, then B*, no backtracking needed.
     * 4: the space is ASCII 0x20 only; '/' is already in the [^\s\p{L}\p{N}] run, so the tail is CR/LF only.
     * 5: \s* backs off to the last CR or LF of the whitespace run; the piece ends just after it.
     * 6: ends one before the run's end when a non-space follows and the run is two or more long, at the end of text.
     * Contractions fold per UTF-16 char as Pattern's SliceU does: c matches x when toLowerCase(toUpperCase(c)) == x,
     * which lets U+017F (long s) stand for 's'.
     *
     * Character classes are Character.getType of the code point (a valid surrogate pair is one code point; a lone
     * surrogate is its own char, type SURROGATE, so it falls in [^\s\p{L}\p{N}]). O200kPiecesProperties checks every
     * code point's classes against the regex and the pieces against the regex on generated and fixture text.
     */

    private static final int LETTER = 1;
    private static final int NUMBER = 2;
    /** Lu, Lt, Lm, Lo or a mark: the first letter class. */
    private static final int UPPERISH = 4;
    /** Ll, Lm, Lo or a mark: the second letter class. */
    private static final int LOWERISH = 8;
    private static final int SPACE = 16;
    private static final int MARK = 32;

    /** Classes of every UTF-16 char (surrogates get SURROGATE's: none), indexed by char. */
    private static final byte[] BMP = new byte[65536];

    static {
        for (int c = 0; c < BMP.length; c++) {
            BMP[c] = (byte) classify(c);
        }
    }

    private O200kPieces() {
    }

    /** The class bits of code point {@code cp}. */
    static int classify(int cp) {
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER:
            case Character.TITLECASE_LETTER:
                return LETTER | UPPERISH;
            case Character.LOWERCASE_LETTER:
                return LETTER | LOWERISH;
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
                return LETTER | UPPERISH | LOWERISH;
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.COMBINING_SPACING_MARK:
                return MARK | UPPERISH | LOWERISH;
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return NUMBER;
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return SPACE;
            default:
                // java.util.regex's Unicode White_Space: the separators above, TAB..CR and NEL.
                return (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 ? SPACE : 0;
        }
    }

    /** True when {@code cp} is in {@code \s} (Unicode White_Space). */
    static boolean isSpace(int cp) {
        return (classify(cp) & SPACE) != 0;
    }

    /** True when {@code cp} is in {@code \p{L}}. */
    static boolean isLetter(int cp) {
        return (classify(cp) & LETTER) != 0;
    }

    /** True when {@code cp} is in {@code \p{N}}. */
    static boolean isNumber(int cp) {
        return (classify(cp) & NUMBER) != 0;
    }

    /** True when {@code cp} is in {@code [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]}. */
    static boolean isUpperish(int cp) {
        return (classify(cp) & UPPERISH) != 0;
    }

    /** True when {@code cp} is in {@code [\p{Ll}\p{Lm}\p{Lo}\p{M}]}. */
    static boolean isLowerish(int cp) {
        return (classify(cp) & LOWERISH) != 0;
    }

    /** The class bits of the code point starting at {@code i}; a lone surrogate is classed alone. */
    private static int classAt(String s, int i, int n) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
            return classify(Character.toCodePoint(c, s.charAt(i + 1)));
        }
        return BMP[c];
    }

    /** Chars taken by the code point starting at {@code i}: 2 for a valid surrogate pair, else 1. */
    private static int widthAt(String s, int i, int n) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))
                ? 2 : 1;
    }

    /**
     * The end (exclusive) of the piece that starts at {@code start}, which must be below {@code text.length()} and
     * the end of the previous piece (or 0).
     */
    static int end(String text, int start) {
        int n = text.length();
        char c0 = text.charAt(start);
        int f = c0 < 0xD800 ? BMP[c0] : classAt(text, start, n);
        if ((f & (LETTER | NUMBER)) == 0) {
            if (c0 != '\r' && c0 != '\n') {
                // may be the one-char prefix of alternatives 1 and 2
                int w = c0 < 0xD800 ? 1 : widthAt(text, start, n);
                int e = upperThenLower(text, start + w, n);
                if (e >= 0) {
                    return e;
                }
                if ((f & MARK) != 0) {
                    return upperThenLower(text, start, n);   // a mark is a B: succeeds
                }
                e = upperRun(text, start + w, n);
                if (e >= 0) {
                    return e;
                }
            }
            if ((f & SPACE) == 0) {
                return punctuation(text, start + (c0 < 0xD800 ? 1 : widthAt(text, start, n)), n);
            }
            if (c0 == ' ' && start + 1 < n && (classAt(text, start + 1, n) & (SPACE | LETTER | NUMBER)) == 0) {
                return punctuation(text, start + 1 + widthAt(text, start + 1, n), n);
            }
            return whitespace(text, start, n);
        }
        if ((f & LETTER) != 0) {
            int e = upperThenLower(text, start, n);
            return e >= 0 ? e : upperRun(text, start, n);   // the letter is an A there: succeeds
        }
        // \p{N}{1,3}
        int e = start + (c0 < 0xD800 ? 1 : widthAt(text, start, n));
        for (int k = 1; k < 3 && e < n && (classAt(text, e, n) & NUMBER) != 0; k++) {
            e += widthAt(text, e, n);
        }
        return e;
    }

    /** Alternative 1 from {@code q} after its prefix: {@code A*B+} with A*'s backtracking, or -1. */
    private static int upperThenLower(String s, int q, int n) {
        int r = q;
        int lastLowerish = -1;
        while (r < n) {
            char c = s.charAt(r);
            int f = c < 0xD800 ? BMP[c] : classAt(s, r, n);
            if ((f & UPPERISH) == 0) {
                if ((f & LOWERISH) != 0) {
                    lastLowerish = r;   // A* gives nothing back: B+ starts right here
                }
                break;
            }
            if ((f & LOWERISH) != 0) {
                lastLowerish = r;
            }
            r += c < 0xD800 ? 1 : widthAt(s, r, n);
        }
        if (lastLowerish < 0) {
            return -1;
        }
        int e = lastLowerish;
        while (e < n) {
            char c = s.charAt(e);
            int f = c < 0xD800 ? BMP[c] : classAt(s, e, n);
            if ((f & LOWERISH) == 0) {
                break;
            }
            e += c < 0xD800 ? 1 : widthAt(s, e, n);
        }
        return contraction(s, e, n);
    }

    /** Alternative 2 from {@code q} after its prefix: {@code A+B*}, or -1. */
    private static int upperRun(String s, int q, int n) {
        int e = q;
        while (e < n) {
            char c = s.charAt(e);
            int f = c < 0xD800 ? BMP[c] : classAt(s, e, n);
            if ((f & UPPERISH) == 0) {
                break;
            }
            e += c < 0xD800 ? 1 : widthAt(s, e, n);
        }
        if (e == q) {
            return -1;
        }
        while (e < n) {
            char c = s.charAt(e);
            int f = c < 0xD800 ? BMP[c] : classAt(s, e, n);
            if ((f & LOWERISH) == 0) {
                break;
            }
            e += c < 0xD800 ? 1 : widthAt(s, e, n);
        }
        return contraction(s, e, n);
    }

    /** {@code e} plus the length of an optional {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)} at {@code e}. */
    static int contraction(String s, int e, int n) {
        if (e + 1 >= n || !folds(s.charAt(e), '\'')) {
            return e;
        }
        char c1 = s.charAt(e + 1);
        if (folds(c1, 's') || folds(c1, 't') || folds(c1, 'm') || folds(c1, 'd')) {
            return e + 2;
        }
        if (e + 2 < n) {
            char c2 = s.charAt(e + 2);
            if ((folds(c1, 'r') || folds(c1, 'v')) && folds(c2, 'e') || folds(c1, 'l') && folds(c2, 'l')) {
                return e + 3;
            }
        }
        return e;
    }

    /** True when {@code c} matches the lower-case ASCII {@code x} under Pattern's Unicode case folding. */
    private static boolean folds(char c, char x) {
        return c == x || c >= 'A' && Character.toLowerCase(Character.toUpperCase(c)) == x;
    }

    /** Alternative 4 from the first char of its run, {@code q}: {@code [^\s\p{L}\p{N}]+[\r\n/]*}. */
    private static int punctuation(String s, int q, int n) {
        int e = q;
        while (e < n) {
            char c = s.charAt(e);
            int f = c < 0xD800 ? BMP[c] : classAt(s, e, n);
            if ((f & (SPACE | LETTER | NUMBER)) != 0) {
                break;
            }
            e += c < 0xD800 ? 1 : widthAt(s, e, n);
        }
        while (e < n) {
            char c = s.charAt(e);
            if (c != '\r' && c != '\n' && c != '/') {
                break;
            }
            e++;
        }
        return e;
    }

    /** Alternatives 5, 6 and 7 at a whitespace char. */
    private static int whitespace(String s, int p, int n) {
        int k = p;
        int lastNewline = -1;
        while (k < n) {
            char c = s.charAt(k);
            if ((BMP[c] & SPACE) == 0) {
                break;   // no surrogate is a space, so char-wise is code-point-wise here
            }
            if (c == '\r' || c == '\n') {
                lastNewline = k;
            }
            k++;
        }
        if (lastNewline >= 0) {
            return lastNewline + 1;
        }
        if (k == n || k - p == 1) {
            return k;
        }
        return k - 1;
    }
}
