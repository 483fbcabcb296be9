package io.headroom4j.compress.log;

/**
 * The lossless line transform: a run of identical consecutive lines (same text and same line ending)
 * becomes the line once plus a notation line {@code [previous line repeated 41 more times]}.
 *
 * <p>{@link #decode} undoes {@link #encode} exactly, with no store. The notation is unambiguous because
 * {@link #encode} refuses (returns its input) when the text already contains
 * {@value #NOTATION_PREFIX}, so every notation line in an encoded text was put there by the encoder. Runs
 * are folded only from three lines up (one line plus two repeats) and only when the notation is shorter
 * than the repeats it stands for. Thread-safe (stateless).
 */
public final class RepeatFolding {

    /** How every notation line begins. */
    public static final String NOTATION_PREFIX = "[previous line repeated ";
    private static final String NOTATION_SUFFIX = " more times]";

    private RepeatFolding() {
    }

    /** True when {@link #encode} may run on {@code text}: it holds no notation that decoding would misread. */
    public static boolean canEncode(String text) {
        return !text.contains(NOTATION_PREFIX);
    }

    /** Folds runs of identical lines; returns {@code text} itself when nothing folds or folding is unsafe. */
    public static String encode(String text) {
        if (text.isEmpty() || !canEncode(text)) {
            return text;
        }
        LogLines lines = LogLines.of(text);
        int n = lines.count();
        StringBuilder out = null;
        int copiedUpTo = 0;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && sameLine(lines, i, j)) {
                j++;
            }
            int repeats = j - i - 1;
            if (repeats >= 2) {
                String terminator = lines.terminator(i);
                String notation = NOTATION_PREFIX + repeats + NOTATION_SUFFIX;
                long repeatedChars = (long) repeats * (lines.next(i) - lines.start(i));
                if (notation.length() + terminator.length() < repeatedChars) {
                    if (out == null) {
                        out = new StringBuilder(text.length());
                    }
                    out.append(text, copiedUpTo, lines.next(i)).append(notation).append(terminator);
                    copiedUpTo = lines.next(j - 1);
                }
            }
            i = j;
        }
        if (out == null) {
            return text;
        }
        out.append(text, copiedUpTo, text.length());
        return out.toString();
    }

    /** Expands every notation line into the repeats of the line above it; the exact inverse of {@link #encode}. */
    public static String decode(String encoded) {
        if (!encoded.contains(NOTATION_PREFIX)) {
            return encoded;
        }
        LogLines lines = LogLines.of(encoded);
        StringBuilder out = new StringBuilder(encoded.length() * 2);
        for (int i = 0; i < lines.count(); i++) {
            int repeats = i > 0 ? repeatsIn(encoded, lines.start(i), lines.end(i)) : -1;
            if (repeats < 0) {
                out.append(encoded, lines.start(i), lines.next(i));
                continue;
            }
            String previous = encoded.substring(lines.start(i - 1), lines.next(i - 1));
            for (int r = 0; r < repeats; r++) {
                out.append(previous);
            }
        }
        return out.toString();
    }

    private static int repeatsIn(String text, int start, int end) {
        if (!text.startsWith(NOTATION_PREFIX, start)
                || end - start <= NOTATION_PREFIX.length() + NOTATION_SUFFIX.length()
                || !text.startsWith(NOTATION_SUFFIX, end - NOTATION_SUFFIX.length())) {
            return -1;
        }
        int from = start + NOTATION_PREFIX.length();
        int to = end - NOTATION_SUFFIX.length();
        if (to - from > 9) {
            return -1;
        }
        int value = 0;
        for (int p = from; p < to; p++) {
            char c = text.charAt(p);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean sameLine(LogLines lines, int a, int b) {
        int lenA = lines.next(a) - lines.start(a);
        int lenB = lines.next(b) - lines.start(b);
        return lenA == lenB && lines.text().regionMatches(lines.start(a), lines.text(), lines.start(b), lenA);
    }
}
