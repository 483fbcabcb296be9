package io.headroom4j.compress.log;

import java.util.Arrays;
import java.util.Objects;

/**
 * A text split into lines by index, without copying: line {@code i} is {@code text[start(i), end(i))} and
 * its terminator ({@code "\n"}, {@code "\r\n"} or nothing for a last line without one) runs up to
 * {@link #next(i)}. Only {@code '\n'} ends a line; a {@code '\r'} that is not followed by {@code '\n'} stays
 * inside the line, as terminals treat it (a carriage-return update).
 *
 * <p>Concatenating {@link #withTerminator(int)} for every line gives back the text exactly, which is what
 * lets compressors keep a line "verbatim" with its own line ending. Immutable and thread-safe.
 */
public final class LogLines {

    private final String text;
    private final int count;
    private final int[] starts;
    private final int[] ends;

    private LogLines(String text, int count, int[] starts, int[] ends) {
        this.text = text;
        this.count = count;
        this.starts = starts;
        this.ends = ends;
    }

    /** Splits {@code text}; an empty text has no lines, and a trailing newline does not open an empty line. */
    public static LogLines of(String text) {
        Objects.requireNonNull(text, "text");
        int len = text.length();
        int capacity = 16;
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int n = 0;
        int lineStart = 0;
        while (lineStart < len) {
            int nl = text.indexOf('\n', lineStart);
            int end;
            if (nl < 0) {
                end = len;
            } else {
                end = nl > lineStart && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            }
            if (n == capacity) {
                capacity = capacity + (capacity >> 1) + 16;
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
            }
            starts[n] = lineStart;
            ends[n] = end;
            n++;
            lineStart = nl < 0 ? len : nl + 1;
        }
        return new LogLines(text, n, starts, ends);
    }

    /** The whole text. */
    public String text() {
        return text;
    }

    /** Number of lines. */
    public int count() {
        return count;
    }

    /** Index in {@link #text()} where line {@code i} (0-based) starts. */
    public int start(int i) {
        return starts[i];
    }

    /** Index just past the last character of line {@code i}, before its terminator. */
    public int end(int i) {
        return ends[i];
    }

    /** Index where the line after {@code i} starts, i.e. just past line {@code i}'s terminator. */
    public int next(int i) {
        return i + 1 < count ? starts[i + 1] : text.length();
    }

    /** Line {@code i} without its terminator. */
    public String line(int i) {
        return text.substring(starts[i], ends[i]);
    }

    /** Line {@code i} with its terminator, exactly as it appears in the text. */
    public String withTerminator(int i) {
        return text.substring(starts[i], next(i));
    }

    /** The terminator of line {@code i}: {@code "\n"}, {@code "\r\n"} or {@code ""}. */
    public String terminator(int i) {
        return text.substring(ends[i], next(i));
    }

    /** Lines {@code from} to {@code to} (inclusive, 0-based) with their terminators, exactly as in the text. */
    public String slice(int from, int to) {
        return text.substring(starts[from], next(to));
    }

    /** True when line {@code i} is empty or only spaces and tabs. */
    public boolean isBlank(int i) {
        for (int p = starts[i]; p < ends[i]; p++) {
            char c = text.charAt(p);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The line ending most lines use ({@code "\r\n"} when most do, else {@code "\n"}), for inserted lines. */
    public String dominantTerminator() {
        int crlf = 0;
        for (int i = 0; i < count; i++) {
            if (next(i) - ends[i] == 2) {
                crlf++;
            }
        }
        return crlf * 2 > count ? "\r\n" : "\n";
    }
}
