package io.headroom4j.compress.search;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses search tool output into {@link Hit}s, one slot per input line ({@code null} for lines that are
 * not results: {@code --} separators, {@code Binary file x matches}, tool errors, headings).
 *
 * <p>Flat output ({@code path:N:text}) is ambiguous when a path itself contains {@code -digits-} or
 * {@code :digits:}; grep prints context lines as {@code path-N-text}, so {@code 2024-01-05-post.md-12-x}
 * could split at {@code 2024}. Paths seen on match lines (separator {@code ':'}) are therefore tried
 * first, then the previous line's path, and only then the earliest separator pair.
 */
final class SearchParser {

    /** The parse of one input text. */
    record Parsed(Hit[] hits, boolean heading, int results, int headers) {
    }

    private SearchParser() {
    }

    static Parsed parse(List<String> lines) {
        int n = lines.size();
        int numbered = 0;
        int nonBlank = 0;
        int headers = 0;
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            nonBlank++;
            if (numberEnd(line, 0) > 0) {
                numbered++;
            } else if (i + 1 < n && numberEnd(lines.get(i + 1), 0) > 0 && (i == 0 || lines.get(i - 1).isEmpty())
                    && earliest(line, ':') < 0 && earliest(line, '-') < 0) {
                headers++;   // a heading is a bare path; "a.js:1:x" above "2-y" is flat output
            }
        }
        if (headers > 0 && numbered + headers >= nonBlank * 0.8) {
            return parseHeading(lines);
        }
        return parseFlat(lines);
    }

    private static Parsed parseHeading(List<String> lines) {
        int n = lines.size();
        Hit[] hits = new Hit[n];
        String path = null;
        int results = 0;
        int headers = 0;
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            int end = numberEnd(line, 0);
            if (end > 0 && path != null) {
                hits[i] = hit(path, line, 0, end, i);
                if (hits[i] != null) {
                    results++;
                }
            } else if (!line.isEmpty() && end < 0 && i + 1 < n && numberEnd(lines.get(i + 1), 0) > 0) {
                path = line;
                headers++;
            }
        }
        return new Parsed(hits, true, results, headers);
    }

    private static Parsed parseFlat(List<String> lines) {
        int n = lines.size();
        Set<String> matchPaths = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            int at = earliest(line, ':');
            if (at > 0) {
                matchPaths.add(line.substring(0, at));
            }
        }
        Hit[] hits = new Hit[n];
        String prev = null;
        int results = 0;
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            Hit h = null;
            if (prev != null && line.startsWith(prev) && line.length() > prev.length()) {
                h = hitAt(line, prev.length(), i);
            }
            if (h == null) {
                h = knownPath(line, matchPaths, i);
            }
            if (h == null) {
                int at = earliest(line, ':');
                if (at < 0) {
                    at = earliest(line, '-');
                }
                if (at > 0) {
                    h = hitAt(line, at, i);
                }
            }
            if (h == null) {
                int end = numberEnd(line, 0);
                if (end > 0) {
                    h = hit("", line, 0, end, i);
                }
            }
            hits[i] = h;
            if (h != null) {
                results++;
                prev = h.path().isEmpty() ? null : h.path();
            }
        }
        boolean anyPath = false;
        for (Hit h : hits) {
            anyPath |= h != null && !h.path().isEmpty();
        }
        if (anyPath) {
            // "7:text" among "path:N:text" lines has no file to belong to; keep it as an ordinary line.
            for (int i = 0; i < n; i++) {
                if (hits[i] != null && hits[i].path().isEmpty()) {
                    hits[i] = null;
                    results--;
                }
            }
        }
        return new Parsed(hits, false, results, 0);
    }

    private static Hit knownPath(String line, Set<String> paths, int input) {
        if (paths.isEmpty()) {
            return null;
        }
        int start = driveSkip(line);
        for (int i = start + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c == ':' || c == '-') && sepAfterDigits(line, i) > 0 && paths.contains(line.substring(0, i))) {
                return hitAt(line, i, input);
            }
        }
        return null;
    }

    /** Index of the first {@code sep} that is followed by digits and the same {@code sep}; -1 if none. */
    static int earliest(String line, char sep) {
        int start = driveSkip(line);
        int from = start + 1;
        while (from < line.length()) {
            int i = line.indexOf(sep, from);
            if (i < 0) {
                return -1;
            }
            if (sepAfterDigits(line, i) > 0) {
                return i;
            }
            from = i + 1;
        }
        return -1;
    }

    private static int driveSkip(String line) {
        // "C:\src\a.c:12:..." - a Windows drive letter is part of the path.
        if (line.length() > 2 && line.charAt(1) == ':' && Character.isLetter(line.charAt(0))
                && (line.charAt(2) == '\\' || line.charAt(2) == '/')) {
            return 2;
        }
        return 0;
    }

    /** For a separator at {@code i}: the index of the matching separator after 1-9 digits, else -1. */
    private static int sepAfterDigits(String line, int i) {
        char sep = line.charAt(i);
        int j = i + 1;
        int n = line.length();
        while (j < n && j - i <= 9 && isDigit(line.charAt(j))) {
            j++;
        }
        if (j == i + 1 || j >= n || line.charAt(j) != sep) {
            return -1;
        }
        return j;
    }

    private static Hit hitAt(String line, int sepIndex, int input) {
        char c = line.charAt(sepIndex);
        if (c != ':' && c != '-') {
            return null;
        }
        int second = sepAfterDigits(line, sepIndex);
        if (second < 0) {
            return null;
        }
        String digits = line.substring(sepIndex + 1, second);
        return new Hit(line.substring(0, sepIndex), line.charAt(sepIndex), Integer.parseInt(digits), digits,
                line.substring(second + 1), input);
    }

    /**
     * For a line starting at {@code from} with 1-9 digits then {@code ':'} or {@code '-'}: the index of
     * that separator; otherwise -1.
     */
    static int numberEnd(String line, int from) {
        int j = from;
        int n = line.length();
        while (j < n && j - from < 10 && isDigit(line.charAt(j))) {
            j++;
        }
        if (j == from || j - from > 9 || j >= n) {
            return -1;
        }
        char c = line.charAt(j);
        return c == ':' || c == '-' ? j : -1;
    }

    private static Hit hit(String path, String line, int from, int sepIndex, int input) {
        String digits = line.substring(from, sepIndex);
        return new Hit(path, line.charAt(sepIndex), Integer.parseInt(digits), digits, line.substring(sepIndex + 1),
                input);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
