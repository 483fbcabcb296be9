package io.headroom4j.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits text into the pre-token pieces of {@code cl100k_base} with a character scan, giving exactly the pieces that
 * jtokkit 1.1.0's own {@code Cl100kParser} gives, and writes a piece's bytes as that parser does. Stateless; never
 * throws for any string, including lone surrogates.
 */
final class Cl100kPieces {

    /*
     * tiktoken's cl100k_base pattern, which jtokkit implements by hand (Cl100kParser) instead of with a regex:
     *
     *   1  (?i:'s|'t|'re|'ve|'m|'ll|'d)
     *   2  [^\r\n\p{L}\p{N}]?\p{L}+
     *   3  \p{N}{1,3}
     *   4   ?[^\s\p{L}\p{N}]+[\r\n]*
     *   5  \s*[\r\n]+
     *   6  \s+(?!\S)
     *   7  \s+
     *
     * This scan follows Cl100kParser branch by branch (its classes, its order of tests), so the counts are jtokkit's
     * by construction; the pieces also equal the pattern's matches under Pattern.UNICODE_CHARACTER_CLASS
     * (Cl100kPiecesProperties checks both). Per alternative:
     *
     * 1: an apostrophe, then one of "sdtmSDTM\u017F", or a pair folding to ll/ve/re by Character.toUpperCase.
     * 2: the prefix is any code point but CR, LF, a letter or a number (a mark, a space, punctuation, a lone
     *    surrogate); marks are not letters here, unlike o200k.
     * 4: the space is ASCII 0x20 only; the tail is CR/LF only.
     * 5-7: in a whitespace run the piece ends just after its last CR or LF when it has one (the rest of the run is
     *    the next piece, found by the next call); without one, one before the run's end when a non-space follows and
     *    the run is two or more long (that space joins the next piece), else at the run's end.
     *
     * Classes: jtokkit's isLetter (L*, up to U+323AF), isNumeric (N*, up to U+1FBF9) and isWhitespace (Unicode
     * White_Space). A valid surrogate pair is one code point; a lone surrogate is its own code point, type
     * SURROGATE, so it is punctuation. jtokkit writes a piece's bytes with its own encoder, which writes a lone
     * surrogate as the three bytes of its code point (String.getBytes writes '?'): utf8() does the same.
     */

    private static final int LETTER = 1;
    private static final int NUMBER = 2;
    private static final int SPACE = 4;
    /** CR or LF (also SPACE). */
    private static final int NEWLINE = 8;

    /** The last letter and number jtokkit's parser classes as such (its bounds; none lie above them in JDK 25). */
    static final int MAX_LETTER = 0x323AF;
    static final int MAX_NUMBER = 0x1FBF9;

    /** Classes of every UTF-16 char (surrogates get none), indexed by char. */
    private static final byte[] BMP = new byte[65536];

    static {
        for (int c = 0; c < BMP.length; c++) {
            BMP[c] = (byte) classify(c);
        }
    }

    private Cl100kPieces() {
    }

    /** The class bits of code point {@code cp}. */
    static int classify(int cp) {
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
                return cp <= MAX_LETTER ? LETTER : 0;
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
                return cp <= MAX_NUMBER ? NUMBER : 0;
            case Character.SPACE_SEPARATOR:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return SPACE;
            default:
                if (cp == '\r' || cp == '\n') {
                    return SPACE | NEWLINE;
                }
                // Unicode White_Space: the separators above, TAB..CR and NEL.
                return (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 ? SPACE : 0;
        }
    }

    /** True when {@code cp} is a letter for jtokkit's cl100k parser. */
    static boolean isLetter(int cp) {
        return (classify(cp) & LETTER) != 0;
    }

    /** True when {@code cp} is a number for jtokkit's cl100k parser. */
    static boolean isNumber(int cp) {
        return (classify(cp) & NUMBER) != 0;
    }

    /** True when {@code cp} is whitespace for jtokkit's cl100k parser. */
    static boolean isSpace(int cp) {
        return (classify(cp) & SPACE) != 0;
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
        int next = start + 1;
        int f0;
        if (c0 < 0xD800) {
            f0 = BMP[c0];
        } else {
            f0 = classAt(text, start, n);
            next = start + widthAt(text, start, n);
        }
        if (c0 == '\'' && next < n) {
            int e = contraction(text, start, n);
            if (e > start) {
                return e;
            }
        }
        int f1 = 0;
        if (next < n) {
            char c1 = text.charAt(next);
            f1 = c1 < 0xD800 ? BMP[c1] : classAt(text, next, n);
        }
        if ((f0 & LETTER) != 0 || (f1 & LETTER) != 0 && (f0 & (NEWLINE | NUMBER)) == 0) {
            // 2: the prefix (or first letter), then letters
            return run(text, next, n, LETTER);
        }
        if ((f0 & NUMBER) != 0) {
            // 3: up to three numbers
            int e = next;
            for (int k = 1; k < 3 && e < n && (classAt(text, e, n) & NUMBER) != 0; k++) {
                e += widthAt(text, e, n);
            }
            return e;
        }
        if ((f0 & SPACE) == 0 || c0 == ' ' && next < n && (f1 & (SPACE | LETTER | NUMBER)) == 0) {
            // 4: punctuation, after one optional ASCII space, then CR/LF
            int e = next;
            while (e < n) {
                char c = text.charAt(e);
                int f = c < 0xD800 ? BMP[c] : classAt(text, e, n);
                if ((f & (SPACE | LETTER | NUMBER)) != 0) {
                    break;
                }
                e += c < 0xD800 ? 1 : widthAt(text, e, n);
            }
            while (e < n) {
                char c = text.charAt(e);
                if (c != '\r' && c != '\n') {
                    break;
                }
                e++;
            }
            return e;
        }
        return whitespace(text, start, n);
    }

    /** The end of the run of code points of class {@code cls} from {@code q}. */
    private static int run(String s, int q, int n, int cls) {
        int e = q;
        while (e < n) {
            char c = s.charAt(e);
            if (c < 0xD800) {
                if ((BMP[c] & cls) == 0) {
                    break;
                }
                e++;
            } else {
                if ((classAt(s, e, n) & cls) == 0) {
                    break;
                }
                e += widthAt(s, e, n);
            }
        }
        return e;
    }

    /** The end of the contraction at {@code start} (an apostrophe), or {@code start} when there is none. */
    static int contraction(String s, int start, int n) {
        if (start + 1 >= n) {
            return start;
        }
        char c1 = s.charAt(start + 1);
        switch (c1) {
            case 's', 'd', 't', 'm', 'S', 'D', 'T', 'M', '\u017F':
                return start + 2;
            default:
                break;
        }
        if (start + 2 < n) {
            char u1 = Character.toUpperCase(c1);
            char u2 = Character.toUpperCase(s.charAt(start + 2));
            if (u1 == 'L' && u2 == 'L' || (u1 == 'V' || u1 == 'R') && u2 == 'E') {
                return start + 3;
            }
        }
        return start;
    }

    /** Alternatives 5, 6 and 7 at a whitespace char. */
    private static int whitespace(String s, int p, int n) {
        int k = p;
        int lastNewline = -1;
        while (k < n) {
            char c = s.charAt(k);
            int f = BMP[c];
            if ((f & SPACE) == 0) {
                break;   // no surrogate is a space, so char-wise is code-point-wise here
            }
            if ((f & NEWLINE) != 0) {
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

    /** True when {@code s[start, end)} holds a surrogate char (paired or not). */
    static boolean hasSurrogate(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bytes jtokkit's cl100k parser hands its encoder for {@code piece}: UTF-8, except that a lone surrogate is
     * written as the three bytes of its code point (where {@link String#getBytes} writes {@code '?'}).
     */
    static byte[] utf8(String piece) {
        int n = piece.length();
        if (!hasSurrogate(piece, 0, n)) {
            return piece.getBytes(StandardCharsets.UTF_8);
        }
        byte[] out = new byte[n * 3];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int cp = piece.codePointAt(i);
            if (cp < 0x80) {
                out[k++] = (byte) cp;
            } else if (cp < 0x800) {
                out[k++] = (byte) (0xC0 | (cp >> 6));
                out[k++] = (byte) (0x80 | (cp & 0x3F));
            } else if (cp < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                out[k++] = (byte) (0xE0 | (cp >> 12));
                out[k++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[k++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[k++] = (byte) (0xF0 | (cp >> 18));
                out[k++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[k++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[k++] = (byte) (0x80 | (cp & 0x3F));
                i++;
            }
        }
        return Arrays.copyOf(out, k);
    }
}
