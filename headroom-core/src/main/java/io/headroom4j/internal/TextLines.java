package io.headroom4j.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into lines so that joining them back with {@code "\n"} gives the exact original.
 *
 * <p>Only {@code '\n'} separates lines; a {@code '\r'} before it stays at the end of its line, so CRLF text
 * round-trips byte for byte. Text ending in a newline yields a last, empty line.
 */
public final class TextLines {

    private TextLines() {
    }

    /** The lines of {@code text}; {@code String.join("\n", split(text))} equals {@code text}. */
    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>(Math.max(16, text.length() / 48));
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i));
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines;
    }

    /** Lines {@code from} (inclusive) to {@code to} (exclusive) joined with {@code "\n"}. */
    public static String join(List<String> lines, int from, int to) {
        int size = 0;
        for (int i = from; i < to; i++) {
            size += lines.get(i).length() + 1;
        }
        StringBuilder sb = new StringBuilder(size);
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append('\n');
            }
            sb.append(lines.get(i));
        }
        return sb.toString();
    }

    /** True when any line of {@code text} is longer than {@code maxChars}. */
    public static boolean hasLineLongerThan(String text, int maxChars) {
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) == '\n') {
                if (i - start > maxChars) {
                    return true;
                }
                start = i + 1;
            }
        }
        return n - start > maxChars;
    }
}
