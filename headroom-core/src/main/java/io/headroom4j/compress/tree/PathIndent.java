package io.headroom4j.compress.tree;

import java.util.ArrayList;
import java.util.List;

import io.headroom4j.internal.TextLines;

/**
 * The lossless form of a {@code find} listing: a path whose directory is the path of an earlier line still
 * open above it is written as its last segment, indented two spaces per level below that line, as
 * {@code tree} shows it; other lines stay as they are.
 *
 * <pre>
 * eslint                 eslint
 * eslint/lib        =>     lib
 * eslint/lib/api.js          api.js
 * eslint/bin                 (and so on)
 * </pre>
 *
 * <p>{@link #decode} rebuilds each full path from the line above it at one level less. Callers check
 * {@code decode(encode(x)).equals(x)} before using the encoded form (a path that itself starts with spaces
 * would not survive).
 */
final class PathIndent {

    private PathIndent() {
    }

    static String encode(List<String> lines) {
        StringBuilder out = new StringBuilder();
        List<String> stack = new ArrayList<>();   // stack.get(k): the full path shown at indent level k
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i > 0) {
                out.append('\n');
            }
            int slash = line.lastIndexOf('/');
            int level = -1;
            if (slash > 0 && slash < line.length() - 1) {
                String dir = line.substring(0, slash);
                for (int k = stack.size() - 1; k >= 0; k--) {
                    if (stack.get(k).equals(dir)) {
                        level = k + 1;
                        break;
                    }
                }
            }
            if (level < 0) {
                stack.clear();
                stack.add(line);
                out.append(line);
                continue;
            }
            while (stack.size() > level) {
                stack.remove(stack.size() - 1);
            }
            stack.add(line);
            for (int k = 0; k < level; k++) {
                out.append("  ");
            }
            out.append(line, slash + 1, line.length());
        }
        return out.toString();
    }

    static String decode(String text) {
        List<String> lines = TextLines.split(text);
        List<String> out = new ArrayList<>(lines.size());
        List<String> stack = new ArrayList<>();
        for (String line : lines) {
            int spaces = 0;
            while (spaces < line.length() && line.charAt(spaces) == ' ') {
                spaces++;
            }
            int level = spaces / 2;
            if (spaces == 0 || spaces % 2 != 0 || level > stack.size() || spaces == line.length()) {
                stack.clear();
                stack.add(line);
                out.add(line);
                continue;
            }
            while (stack.size() > level) {
                stack.remove(stack.size() - 1);
            }
            String full = stack.get(level - 1) + "/" + line.substring(spaces);
            stack.add(full);
            out.add(full);
        }
        return String.join("\n", out);
    }
}
