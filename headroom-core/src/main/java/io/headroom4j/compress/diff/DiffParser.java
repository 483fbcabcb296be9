package io.headroom4j.compress.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits diff text into file sections and hunks by line index, counting each hunk's lines against the
 * {@code @@ -a,b +c,d @@} header so a hunk ends exactly where its header says. Lines outside file
 * sections (commit headers and messages in {@code git log -p}, stat lines) are left alone.
 */
final class DiffParser {

    private static final String[] HEADER_PREFIXES = {
        "index ", "old mode ", "new mode ", "deleted file mode ", "new file mode ", "similarity index ",
        "dissimilarity index ", "rename from ", "rename to ", "copy from ", "copy to ", "--- ", "+++ ",
        "Binary files ", "GIT binary patch", "mode change ",
    };

    /** One hunk: {@code header} is the index of its {@code @@} line, {@code end} is exclusive. */
    record Hunk(int header, int end, int oldStart, int newStart, boolean combined) {
    }

    /**
     * One file's part of a diff.
     *
     * @param start        index of the first line ({@code diff --git} or {@code ---})
     * @param end          exclusive end
     * @param path         the file's path as the header names it (new path unless deleted)
     * @param hunks        the hunks, in order
     * @param binaryPatch  index of a {@code GIT binary patch} line, or -1
     */
    record FileSection(int start, int end, String path, List<Hunk> hunks, int binaryPatch) {
        int bodyStart() {
            if (!hunks.isEmpty()) {
                return hunks.get(0).header();
            }
            return binaryPatch >= 0 ? binaryPatch + 1 : end;
        }
    }

    private DiffParser() {
    }

    /** The file sections of {@code lines}, in order. */
    static List<FileSection> parse(List<String> lines) {
        List<FileSection> sections = new ArrayList<>();
        int n = lines.size();
        int i = 0;
        while (i < n) {
            if (isFileStart(lines, i)) {
                FileSection s = parseSection(lines, i);
                sections.add(s);
                i = Math.max(s.end(), i + 1);
            } else {
                i++;
            }
        }
        return sections;
    }

    static boolean isFileStart(List<String> lines, int i) {
        String line = lines.get(i);
        if (line.startsWith("diff --git ") || line.startsWith("diff --cc ") || line.startsWith("diff --combined ")) {
            return true;
        }
        if (line.startsWith("diff ") && i + 1 < lines.size()) {
            String next = lines.get(i + 1);
            return next.startsWith("--- ") || isHeaderLine(next);
        }
        return line.startsWith("--- ") && i + 2 < lines.size() && lines.get(i + 1).startsWith("+++ ")
                && lines.get(i + 2).startsWith("@@");
    }

    private static boolean isHeaderLine(String line) {
        for (String p : HEADER_PREFIXES) {
            if (line.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static FileSection parseSection(List<String> lines, int start) {
        int n = lines.size();
        int i = start;
        String path = null;
        String first = lines.get(i);
        if (first.startsWith("diff ")) {
            path = pathFromDiffLine(first);
            i++;
        }
        int binary = -1;
        while (i < n && isHeaderLine(lines.get(i))) {
            String line = lines.get(i);
            if (line.startsWith("+++ ") && !line.startsWith("+++ /dev/null")) {
                path = stripPrefix(line.substring(4));
            } else if (line.startsWith("--- ") && path == null && !line.startsWith("--- /dev/null")) {
                path = stripPrefix(line.substring(4));
            }
            i++;
            if (line.startsWith("GIT binary patch")) {
                binary = i - 1;
                i = skipBinaryPatch(lines, i);
                break;
            }
        }
        List<Hunk> hunks = new ArrayList<>();
        while (i < n && lines.get(i).startsWith("@@")) {
            Hunk h = parseHunk(lines, i);
            if (h == null) {
                break;
            }
            hunks.add(h);
            i = h.end();
        }
        return new FileSection(start, i, path == null ? "" : path, hunks, binary);
    }

    private static int skipBinaryPatch(List<String> lines, int i) {
        int n = lines.size();
        while (i < n) {
            String line = lines.get(i);
            if (line.startsWith("diff ")) {
                return i;
            }
            if (line.isEmpty()) {
                // A blank line ends a literal/delta block; another block may follow.
                if (i + 1 < n && (lines.get(i + 1).startsWith("literal ") || lines.get(i + 1).startsWith("delta "))) {
                    i++;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static Hunk parseHunk(List<String> lines, int header) {
        String h = lines.get(header);
        int n = lines.size();
        if (h.startsWith("@@@")) {
            int i = header + 1;
            while (i < n && !lines.get(i).isEmpty() && " +-\\".indexOf(lines.get(i).charAt(0)) >= 0
                    && !lines.get(i).startsWith("--- ") && !lines.get(i).startsWith("+++ ")) {
                i++;
            }
            return new Hunk(header, i, 0, 0, true);
        }
        long[] nums = parseRanges(h);
        if (nums == null) {
            return null;
        }
        long oldRem = nums[1];
        long newRem = nums[3];
        int i = header + 1;
        while (i < n && (oldRem > 0 || newRem > 0)) {
            String line = lines.get(i);
            char c = line.isEmpty() ? ' ' : line.charAt(0);
            if (line.equals("\r")) {
                c = ' ';
            }
            if (c == ' ') {
                oldRem--;
                newRem--;
            } else if (c == '-') {
                oldRem--;
            } else if (c == '+') {
                newRem--;
            } else if (c != '\\') {
                break;
            }
            i++;
        }
        while (i < n && lines.get(i).startsWith("\\")) {
            i++;
        }
        return new Hunk(header, i, (int) Math.min(Integer.MAX_VALUE, nums[0]), (int) Math.min(Integer.MAX_VALUE,
                nums[2]), false);
    }

    /** {@code [oldStart, oldCount, newStart, newCount]} from {@code @@ -a,b +c,d @@}, or null. */
    static long[] parseRanges(String h) {
        if (!h.startsWith("@@ -")) {
            return null;
        }
        long[] out = new long[4];
        int[] pos = {4};
        if (!range(h, pos, out, 0) || pos[0] + 1 >= h.length() || h.charAt(pos[0]) != ' '
                || h.charAt(pos[0] + 1) != '+') {
            return null;
        }
        pos[0] += 2;
        if (!range(h, pos, out, 2) || !h.startsWith(" @@", pos[0])) {
            return null;
        }
        return out;
    }

    private static boolean range(String h, int[] pos, long[] out, int at) {
        int i = pos[0];
        long start = 0;
        int digits = 0;
        while (i < h.length() && Character.isDigit(h.charAt(i)) && digits < 12) {
            start = start * 10 + (h.charAt(i) - '0');
            i++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        long count = 1;
        if (i < h.length() && h.charAt(i) == ',') {
            i++;
            count = 0;
            digits = 0;
            while (i < h.length() && Character.isDigit(h.charAt(i)) && digits < 12) {
                count = count * 10 + (h.charAt(i) - '0');
                i++;
                digits++;
            }
            if (digits == 0) {
                return false;
            }
        }
        out[at] = start;
        out[at + 1] = count;
        pos[0] = i;
        return true;
    }

    private static String pathFromDiffLine(String line) {
        if (line.startsWith("diff --git ")) {
            String rest = line.substring(11);
            int b = rest.lastIndexOf(" b/");
            if (b >= 0) {
                return rest.substring(b + 3);
            }
            return rest;
        }
        int space = line.lastIndexOf(' ');
        return space >= 0 ? line.substring(space + 1) : "";
    }

    private static String stripPrefix(String p) {
        int tab = p.indexOf('\t');
        if (tab >= 0) {
            p = p.substring(0, tab);
        }
        if (p.startsWith("a/") || p.startsWith("b/")) {
            return p.substring(2);
        }
        return p;
    }
}
