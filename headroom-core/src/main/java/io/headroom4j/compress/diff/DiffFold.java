package io.headroom4j.compress.diff;

import java.util.ArrayList;
import java.util.List;

import io.headroom4j.internal.TextLines;

/**
 * The lossless diff form: in a {@code git diff} file section headed {@code diff --git a/P b/P}, the
 * {@code --- a/P} and {@code +++ b/P} lines repeat the path already stated, so they are left out when they
 * are exactly those two lines and a hunk follows them. {@link #decode} puts them back: after such a header,
 * the first {@code @@} line that is not preceded by a {@code ---} line gets them reinserted.
 *
 * <p>Callers check {@code decode(encode(x)).equals(x)} before using the encoded form.
 */
final class DiffFold {

    private DiffFold() {
    }

    /** The path {@code P} of a {@code diff --git a/P b/P} line naming the same path twice, or null. */
    static String samePath(String line) {
        if (!line.startsWith("diff --git a/")) {
            return null;
        }
        String rest = line.substring("diff --git ".length());
        int len = rest.length() - 5;   // "a/" + P + " b/" + P
        if (len <= 0 || len % 2 != 0) {
            return null;
        }
        String p = rest.substring(2, 2 + len / 2);
        return rest.equals("a/" + p + " b/" + p) ? p : null;
    }

    /** True when lines {@code i} and {@code i+1} are the redundant {@code ---}/{@code +++} pair for {@code p}. */
    static boolean isFoldablePair(List<String> lines, int i, String p) {
        return p != null && i + 2 < lines.size() && lines.get(i).equals("--- a/" + p)
                && lines.get(i + 1).equals("+++ b/" + p) && lines.get(i + 2).startsWith("@@ ");
    }

    /** {@code lines} without the redundant pairs, joined with {@code "\n"}. */
    static String encode(List<String> lines) {
        StringBuilder out = new StringBuilder();
        String path = null;
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("diff ")) {
                path = samePath(line);
            } else if (path != null && isFoldablePair(lines, i, path)) {
                i++;
                path = null;
                continue;
            } else if (line.startsWith("@@") || line.startsWith("--- ")) {
                path = null;
            }
            if (!first) {
                out.append('\n');
            }
            first = false;
            out.append(line);
        }
        return out.toString();
    }

    /** The original diff of text made by {@link #encode}. */
    static String decode(String folded) {
        List<String> lines = TextLines.split(folded);
        List<String> out = new ArrayList<>(lines.size() + 16);
        String path = null;
        for (String line : lines) {
            if (line.startsWith("diff ")) {
                path = samePath(line);
            } else if (path != null && line.startsWith("@@ ")) {
                out.add("--- a/" + path);
                out.add("+++ b/" + path);
                path = null;
            } else if (line.startsWith("--- ") || line.startsWith("@@")) {
                path = null;
            }
            out.add(line);
        }
        return String.join("\n", out);
    }
}
