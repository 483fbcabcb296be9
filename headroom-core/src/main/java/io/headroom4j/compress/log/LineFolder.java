package io.headroom4j.compress.log;

import java.util.ArrayList;
import java.util.List;

import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Markers;

/**
 * Writes the lossy output of a line-oriented compressor from a per-line plan: each line is either kept
 * verbatim ({@link #KEEP}) or belongs to a fold group; a run of consecutive lines of one group is replaced by
 * one marker line, in line units, whose key brings back exactly the lines it stands for:
 * <pre>{@code [lines 120-4,031: 3,912 lines like "GET /api/<*> 200 <*>ms" omitted; retrieve: 3f2a…]}</pre>
 *
 * <p>Kept lines are copied with their own line ending, so CRLF text stays CRLF. Replacing every marker line
 * (with its line ending) by the text its key retrieves gives back the input exactly, unless a line was
 * shown in its final carriage-return state; then one extra marker, before the first such line, carries the
 * key of the whole input. A run is folded only when its marker is shorter than the lines it replaces. Not
 * thread-safe; one instance per call.
 */
public final class LineFolder {

    /** Plan value for a line that must appear verbatim. */
    public static final int KEEP = -1;

    /** Describes the lines {@code from..to} (0-based, inclusive) of one group for the marker. */
    @FunctionalInterface
    public interface Describer {
        /** Text after {@code "lines a-b: "} and before {@code " omitted"}, e.g. {@code 3,912 lines like "…"}. */
        String describe(int group, int from, int to);
    }

    /** What {@link #fold} produced. */
    public record Folded(String output, List<String> keys, int omittedLines, int markers, int finalStateLines) {
    }

    private final LogLines lines;
    private final CompressionContext context;
    private final String transform;

    /** A folder over {@code lines} that stores omitted text through {@code context} under {@code transform}. */
    public LineFolder(LogLines lines, CompressionContext context, String transform) {
        this.lines = lines;
        this.context = context;
        this.transform = transform;
    }

    /**
     * Applies the plan.
     *
     * @param groups    per line: {@link #KEEP}, or a group number {@code >= 0}
     * @param minRun    per group number: the shortest run that is folded
     * @param keepEnds  per group number: true keeps a run's first and last line verbatim around the marker
     *                  (the "first and last example"); false replaces the whole run
     * @param describer names what a marker omits
     * @param kinds     per line, {@link LineSignals#classify}'s verdict: kept {@link LineSignals#PLAIN} lines with
     *                  carriage-return updates show their final state; null shows every line raw
     */
    public Folded fold(int[] groups, int[] minRun, boolean[] keepEnds, Describer describer, byte[] kinds) {
        String text = lines.text();
        int n = lines.count();
        // Final states are worked out only for lines that are written, never for folded ones.
        Writer w = new Writer(kinds == null ? null : new String[n], kinds, new StringBuilder(capacity(groups)));
        List<String> keys = new ArrayList<>();
        int omitted = 0;
        int markers = 0;
        int i = 0;
        while (i < n) {
            int g = groups[i];
            if (g == KEEP) {
                w.line(i);
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < n && groups[j + 1] == g) {
                j++;
            }
            boolean ends = keepEnds[g];
            int from = ends ? i + 1 : i;
            int to = ends ? j - 1 : j;
            boolean fold = j - i + 1 >= minRun[g] && to >= from;
            String marker = null;
            if (fold) {
                String what = "lines " + Markers.range(from + 1L, to + 1L) + ": " + describer.describe(g, from, to);
                // Checked before storing, so a marker that would not pay costs no store write.
                int omittedChars = lines.next(to) - lines.start(from);
                if (what.length() + 40 < omittedChars) {
                    String key = context.offload(lines.slice(from, to), transform);
                    // Indented like the first line it replaces, so a folded run of frames still reads as a trace.
                    marker = text.substring(lines.start(from), LineSignals.skipSpace(text, lines.start(from),
                            lines.end(from))) + Markers.omitted(what, key);
                    if (!keys.contains(key)) {
                        keys.add(key);
                    }
                }
            }
            if (marker == null) {
                w.lines(i, j);
            } else {
                w.lines(i, from - 1);
                w.out.append(marker).append(lines.terminator(to));
                markers++;
                omitted += to - from + 1;
                w.lines(to + 1, j);
            }
            i = j + 1;
        }
        if (w.firstShown >= 0) {
            String key = context.offload(text, transform);
            String crMarker = Markers.omitted("carriage-return updates in " + Markers.units(w.finalStates, "line",
                    "lines") + " (final states shown)", key);
            w.out.insert(w.firstShownAt, crMarker + lines.dominantTerminator());
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        return new Folded(w.out.toString(), keys, omitted, markers, w.finalStates);
    }

    /**
     * A first guess at the output's length: the lines kept by the plan plus room for markers, at most the input's
     * length. A folded log's output is a small part of it; a builder of the input's size would be zeroed for
     * nothing (runs too short to fold only make it grow once or twice).
     */
    private int capacity(int[] groups) {
        long kept = 4096;
        for (int i = 0, n = lines.count(); i < n; i++) {
            if (groups[i] == KEEP) {
                kept += lines.next(i) - lines.start(i);
            }
        }
        return (int) Math.min(kept, lines.text().length());
    }

    /** Writes kept lines, in their final carriage-return state where they have one, and notes the first. */
    private final class Writer {
        final String[] shown;
        final byte[] kinds;
        final StringBuilder out;
        int finalStates;
        int firstShown = -1;
        int firstShownAt = -1;

        Writer(String[] shown, byte[] kinds, StringBuilder out) {
            this.shown = shown;
            this.kinds = kinds;
            this.out = out;
        }

        void lines(int from, int toInclusive) {
            for (int k = from; k <= toInclusive; k++) {
                line(k);
            }
        }

        void line(int k) {
            if (resolve(k, shown, kinds)) {
                if (firstShown < 0) {
                    firstShown = k;
                    firstShownAt = out.length();
                }
                finalStates++;
            }
            append(out, k, shown);
        }
    }

    /** Fills {@code shown[i]} with line i's final state if it is a plain carriage-return line; true if so. */
    private boolean resolve(int i, String[] shown, byte[] kinds) {
        if (shown == null || kinds[i] != LineSignals.PLAIN) {
            return false;
        }
        shown[i] = finalState(lines.text(), lines.start(i), lines.end(i));
        return shown[i] != null;
    }

    private void append(StringBuilder out, int i, String[] shown) {
        if (shown != null && shown[i] != null) {
            out.append(shown[i]).append(lines.text(), lines.end(i), lines.next(i));
        } else {
            out.append(lines.text(), lines.start(i), lines.next(i));
        }
    }

    /**
     * The final state of a line with carriage-return updates, as a terminal would show it: each {@code '\r'}
     * moves back to column 0 and later text overwrites earlier text. Returns null when the line has no
     * {@code '\r'}. When the last update is the widest, which is the usual case, the result is exactly that
     * last update.
     */
    public static String finalState(String text, int start, int end) {
        int cr = text.indexOf('\r', start, end);
        if (cr < 0) {
            return null;
        }
        StringBuilder screen = new StringBuilder(Math.min(end - start, 4096));
        int col = 0;
        for (int p = start; p < end; p++) {
            char c = text.charAt(p);
            if (c == '\r') {
                col = 0;
                continue;
            }
            if (col < screen.length()) {
                screen.setCharAt(col, c);
            } else {
                screen.append(c);
            }
            col++;
        }
        int len = screen.length();
        while (len > 0 && screen.charAt(len - 1) == ' ') {
            len--;
        }
        screen.setLength(len);
        return screen.toString();
    }
}
