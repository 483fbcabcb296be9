package io.headroom4j.compress.search;

import java.util.ArrayList;
import java.util.List;

import io.headroom4j.internal.TextLines;

/**
 * The lossless grouped form of flat search results: each file's path once, then its lines as
 * {@code N:text} (match) or {@code N-text} (context), groups separated by a blank line, the layout of
 * {@code rg --heading}. Every other line (a {@code --} separator, {@code Binary file x matches}, a tool
 * error) stays where it was, verbatim.
 *
 * <pre>
 * src/a.js:12:foo()          src/a.js
 * src/a.js:40:foo(1)    =>   12:foo()
 * src/b.js:7:foo(2)          40:foo(1)
 *                            (blank)
 *                            src/b.js
 *                            7:foo(2)
 * </pre>
 *
 * <p>{@link #decode} restores the flat form exactly. The encoder does not prove that its output decodes
 * for every input (a path could look like a line number); callers check {@code decode(encode(x)).equals(x)}
 * before using it, which costs one linear pass.
 */
final class SearchGrouping {

    private SearchGrouping() {
    }

    /** The grouped form of {@code lines}, given their parse; results without a path stay verbatim. */
    static String encode(List<String> lines, Hit[] hits) {
        int n = lines.size();
        StringBuilder out = new StringBuilder(estimate(lines));
        String current = null;
        boolean first = true;
        for (int i = 0; i < n; i++) {
            Hit h = hits[i];
            if (!first) {
                out.append('\n');
            }
            first = false;
            if (h != null && !h.path().isEmpty()) {
                if (!h.path().equals(current)) {
                    if (current != null || i > 0) {
                        out.append('\n');
                    }
                    out.append(h.path()).append('\n');
                    current = h.path();
                }
                out.append(h.numberText()).append(h.sep()).append(h.rest());
            } else {
                out.append(lines.get(i));
            }
        }
        return out.toString();
    }

    /** The flat form of grouped text made by {@link #encode}. */
    static String decode(String grouped) {
        List<String> lines = TextLines.split(grouped);
        int n = lines.size();
        List<String> out = new ArrayList<>(n);
        String path = null;
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            if (line.isEmpty() && headerAt(lines, i + 1)) {
                path = lines.get(i + 1);
                i++;
                continue;
            }
            if (i == 0 && headerAt(lines, 0)) {
                path = line;
                continue;
            }
            int end = SearchParser.numberEnd(line, 0);
            if (path != null && end > 0) {
                char sep = line.charAt(end);
                out.add(path + sep + line.substring(0, end) + sep + line.substring(end + 1));
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    /**
     * A heading is a non-empty line followed by a result line, at the start or after a blank line; it may
     * itself look like a result ({@code 12-notes.md}), which is why position, not shape, decides.
     */
    private static boolean headerAt(List<String> lines, int j) {
        return j + 1 < lines.size() && !lines.get(j).isEmpty() && SearchParser.numberEnd(lines.get(j + 1), 0) > 0;
    }

    private static int estimate(List<String> lines) {
        long total = 0;
        for (String l : lines) {
            total += l.length() + 1;
        }
        return (int) Math.min(Integer.MAX_VALUE - 16, total);
    }
}
