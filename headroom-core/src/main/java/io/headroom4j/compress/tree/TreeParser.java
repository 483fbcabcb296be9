package io.headroom4j.compress.tree;

import java.util.List;

/**
 * Reads the nesting of each line of a tree listing, whatever drew it: box-drawing trees ({@code npm ls},
 * {@code tree}, {@code cargo tree}), ASCII trees ({@code tree --charset=ascii}, {@code mvn dependency:tree}
 * with its {@code [INFO] } prefix), path lists ({@code find}) and {@code ls -R} sections.
 *
 * <p>Each tree line gets a level that grows with depth (the label's column for drawn trees, the number of
 * {@code /} for paths); the parent of a line is the nearest line above it with a lower level. Lines that are
 * not entries (blank lines, summaries, log noise) get level -1.
 */
final class TreeParser {

    /** What kind of listing the lines are. */
    enum Style { DRAWN, PATHS, LS_R }

    /**
     * The parse.
     *
     * @param style   the listing kind
     * @param level   per line: nesting level, or -1 for a line that is not an entry
     * @param label   per line: index where the entry's own text starts (after prefix and drawing)
     * @param parent  per line: index of the parent entry, or -1
     * @param depth   per line: number of ancestors, or -1 for a line that is not an entry
     */
    record Parsed(Style style, int[] level, int[] label, int[] parent, int[] depth, int entries) {
    }

    private TreeParser() {
    }

    static Parsed parse(List<String> lines) {
        int n = lines.size();
        int[] level = new int[n];
        int[] label = new int[n];
        int drawn = 0;
        int paths = 0;
        int lsHeaders = 0;
        int nonBlank = 0;
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            nonBlank++;
            int start = prefixEnd(line);
            int end = drawingEnd(line, start);
            if (hasConnector(line, start, end)) {
                drawn++;
            } else if (end == start && line.indexOf('/') >= 0 && !line.endsWith(":")) {
                paths++;
            }
            if (line.endsWith(":") && (i == 0 || lines.get(i - 1).isEmpty())) {
                lsHeaders++;
            }
        }
        Style style;
        if (drawn >= Math.max(1, nonBlank / 4)) {
            style = Style.DRAWN;
        } else if (lsHeaders >= 2 && lsHeaders * 2 <= nonBlank) {
            style = Style.LS_R;
        } else {
            style = Style.PATHS;
        }
        int entries = 0;
        int currentHeader = 0;
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            level[i] = -1;
            if (line.isBlank()) {
                continue;
            }
            switch (style) {
                case DRAWN -> {
                    int start = prefixEnd(line);
                    int end = drawingEnd(line, start);
                    if (hasConnector(line, start, end)) {
                        level[i] = 1 + end - start;
                        label[i] = end;
                    } else if (end == start && i + 1 < n && nextIsChild(lines.get(i + 1))) {
                        level[i] = 0;
                        label[i] = start;
                    }
                }
                case PATHS -> {
                    level[i] = slashes(line);
                    label[i] = 0;
                }
                case LS_R -> {
                    if (line.endsWith(":") && (i == 0 || lines.get(i - 1).isEmpty())) {
                        currentHeader = 2 * slashes(line.substring(0, line.length() - 1));
                        level[i] = currentHeader;
                    } else {
                        level[i] = currentHeader + 1;
                    }
                    label[i] = 0;
                }
                default -> throw new IllegalStateException();
            }
            if (level[i] >= 0) {
                entries++;
            }
        }
        int[] parent = new int[n];
        int[] depth = new int[n];
        int[] stack = new int[n + 1];
        int top = 0;
        for (int i = 0; i < n; i++) {
            parent[i] = -1;
            depth[i] = -1;
            if (level[i] < 0) {
                continue;
            }
            while (top > 0 && level[stack[top - 1]] >= level[i]) {
                top--;
            }
            parent[i] = top > 0 ? stack[top - 1] : -1;
            depth[i] = top;
            stack[top++] = i;
        }
        return new Parsed(style, level, label, parent, depth, entries);
    }

    private static boolean nextIsChild(String next) {
        int start = prefixEnd(next);
        int end = drawingEnd(next, start);
        return hasConnector(next, start, end);
    }

    /** End of a log-level prefix such as Maven's {@code [INFO] }; 0 when there is none. */
    static int prefixEnd(String line) {
        if (line.startsWith("[INFO] ")) {
            return 7;
        }
        if (line.startsWith("[WARNING] ") || line.startsWith("[ERROR] ")) {
            return line.indexOf(' ') + 1;
        }
        return 0;
    }

    /** End of the tree-drawing characters and spaces that start at {@code from}. */
    static int drawingEnd(String line, int from) {
        int i = from;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '│' || c == '├' || c == '└' || c == '─' || c == '┬' || c == '|' || c == '`'
                    || c == '\\' || c == '\u00a0') {
                i++;
            } else if ((c == '+' || c == '-') && i + 1 < n && (line.charAt(i + 1) == '-' || line.charAt(i + 1) == ' ')
                    && (c == '-' ? i > from : true)) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    static boolean hasConnector(String line, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (c == '├' || c == '└' || c == '+' || c == '\\' || c == '`' || (c == '|' && i + 1 < end
                    && line.charAt(i + 1) == '-')) {
                return true;
            }
        }
        return false;
    }

    private static int slashes(String line) {
        int count = 0;
        int end = line.length();
        while (end > 1 && line.charAt(end - 1) == '/') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (line.charAt(i) == '/') {
                count++;
            }
        }
        return count;
    }
}
