package io.headroom4j.internal;

/** Recognises and removes ANSI terminal escape sequences (colours, cursor moves) such as {@code rg --color=always} emits. */
public final class Ansi {

    private static final char ESC = 0x1b;

    private Ansi() {
    }

    /** True when {@code text} contains an escape character. */
    public static boolean hasEscapes(String text) {
        return text.indexOf(ESC) >= 0;
    }

    /**
     * {@code text} without CSI sequences ({@code ESC [ params final}) and two-character escapes; other
     * characters are kept as they are.
     */
    public static String strip(String text) {
        int n = text.length();
        StringBuilder sb = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c != ESC) {
                sb.append(c);
                i++;
                continue;
            }
            if (i + 1 < n && text.charAt(i + 1) == '[') {
                int j = i + 2;
                // Parameter and intermediate bytes are 0x20-0x3F; the final byte is 0x40-0x7E.
                while (j < n && text.charAt(j) >= 0x20 && text.charAt(j) <= 0x3f) {
                    j++;
                }
                if (j < n && text.charAt(j) >= 0x40 && text.charAt(j) <= 0x7e) {
                    i = j + 1;
                    continue;
                }
                i = j;
                continue;
            }
            i += Math.min(2, n - i);
        }
        return sb.toString();
    }
}
