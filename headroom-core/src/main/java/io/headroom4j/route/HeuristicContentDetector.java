package io.headroom4j.route;

import java.util.regex.Pattern;

import io.headroom4j.internal.Ansi;

/**
 * Detects content types from a sample of the text's first lines, with cheap character scans and a few
 * precompiled patterns. Decisions are by vote over the sampled lines, so one odd line does not flip a
 * type; the order of checks goes from the most specific shape (diff, JSON) to the least (prose).
 */
final class HeuristicContentDetector implements ContentDetector {

    private static final int SAMPLE_CHARS = 64 * 1024;
    private static final int SAMPLE_LINES = 200;

    private static final Pattern SEARCH_LINE = Pattern.compile("^[^\\s:][^:\\n]{0,300}?[:-]\\d+[:-].*");
    private static final Pattern LOG_LINE = Pattern.compile(
            "^(\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}|\\[?\\d{2}:\\d{2}:\\d{2}|[A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}"
                    + "|\\d{1,3}(\\.\\d{1,3}){3} - |\\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\\]?[ :])");
    private static final Pattern BUILD_LINE = Pattern.compile(
            "^(\\[(INFO|WARNING|ERROR)\\] |> Task :|BUILD (SUCCESS|FAILURE|FAILED)|Tests run: |PASS |FAIL |"
                    + "=+ (test session starts|FAILURES|ERRORS|short test summary)|test result: |running \\d+ tests?|"
                    + "--- (PASS|FAIL): |=== RUN |ok +\\S+ +\\d|npm (ERR!|WARN)|\\s+(Compiling|Finished|Running) |"
                    + "<testsuite|<\\?xml.*\\?>\\s*$|\\s*at .+\\(.*\\)$|Downloading from |Downloaded from )");
    private static final Pattern TREE_LINE = Pattern.compile("^[\\s\u00a0│|`]*([├└+|`\\\\][─\\-]{1,3}|\\s{2,}[├└])\\s?.+");
    private static final Pattern CODE_LINE = Pattern.compile(
            "^\\s*(import |from \\S+ import |package |#include |def |class |public |private |protected |func |fn |"
                    + "pub |impl |struct |interface |const |let |var |function |export |return |if \\(|for \\(|}\\s*$|"
                    + "@\\w+|#\\[|use \\w)");
    /** A result line under a file heading ({@code rg --heading}) or from single-file {@code grep -n}. */
    private static final Pattern NUMBERED_LINE = Pattern.compile("^\\d{1,9}[:-](?!\\d).*");
    /** An entry of {@code mvn dependency:tree}: {@code [INFO] |  +- group:artifact:jar:1.0:compile}. */
    private static final Pattern MVN_TREE_LINE = Pattern.compile("^\\[INFO\\] [|\\s]*[+\\\\]- \\S+:\\S+");
    private static final Pattern TABLE_LINE = Pattern.compile("^\\s*\\|.*\\|\\s*$");

    @Override
    public ContentType detect(String content) {
        if (content == null || content.isBlank()) {
            return ContentType.UNKNOWN;
        }
        String sample = content.length() > SAMPLE_CHARS ? content.substring(0, SAMPLE_CHARS) : content;
        if (looksBinary(sample)) {
            return ContentType.BINARY;
        }
        String trimmed = sample.stripLeading();
        char first = trimmed.charAt(0);
        if (first == '{' || first == '[') {
            // Only syntax decides JSON; "[INFO] ..." and "[2024-..." are logs.
            if (JsonSniffer.looksLikeJson(content)) {
                return ContentType.JSON;
            }
        }
        if (trimmed.startsWith("<!DOCTYPE html") || trimmed.startsWith("<!doctype html") || trimmed.startsWith("<html")
                || (first == '<' && sample.contains("</div>") && sample.contains("<"))) {
            return ContentType.HTML;
        }
        if (trimmed.startsWith("diff --git ") || trimmed.startsWith("--- ") && sample.contains("\n+++ ")
                || trimmed.startsWith("commit ") && sample.contains("\ndiff --git ")
                || sample.contains("\n@@ -") && sample.contains("\n+++ ")) {
            return ContentType.DIFF;
        }
        if (sample.indexOf('\u001b') >= 0) {
            // Colour codes (rg --color=always, coloured logs) would hide every line shape below.
            sample = Ansi.strip(sample);
        }
        String[] lines = sample.split("\r?\n", SAMPLE_LINES + 1);
        int n = Math.min(lines.length, SAMPLE_LINES);
        int nonEmpty = 0;
        int search = 0;
        int log = 0;
        int build = 0;
        int tree = 0;
        int code = 0;
        int table = 0;
        int tabs = 0;
        int commas = 0;
        int firstCommas = -1;
        int sentences = 0;
        int numbered = 0;
        int headings = 0;
        int mvnTree = 0;
        for (int i = 0; i < n; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            nonEmpty++;
            boolean logLine = LOG_LINE.matcher(line).find();
            if (logLine) {
                // A timestamped log line ("2024-01-05 12:00:01 ...") also has digits between separators.
                log++;
            } else if (SEARCH_LINE.matcher(line).matches()) {
                search++;
            } else if (NUMBERED_LINE.matcher(line).matches()) {
                numbered++;
            } else if ((i == 0 || lines[i - 1].isEmpty()) && i + 1 < n
                    && NUMBERED_LINE.matcher(lines[i + 1]).matches()) {
                headings++;
            }
            if (line.startsWith("[INFO] ") && MVN_TREE_LINE.matcher(line).find()) {
                mvnTree++;
            }
            if (BUILD_LINE.matcher(line).find()) {
                build++;
            }
            if (TREE_LINE.matcher(line).matches()) {
                tree++;
            }
            if (CODE_LINE.matcher(line).find()) {
                code++;
            }
            if (TABLE_LINE.matcher(line).matches()) {
                table++;
            }
            int c = countChar(line, ',');
            if (firstCommas < 0) {
                firstCommas = c;
            }
            if (c > 0 && c == firstCommas) {
                commas++;
            }
            if (line.indexOf('\t') >= 0) {
                tabs++;
            }
            if (line.length() > 60 && (line.endsWith(".") || line.contains(". "))) {
                sentences++;
            }
        }
        if (nonEmpty == 0) {
            return ContentType.UNKNOWN;
        }
        double total = nonEmpty;
        if (mvnTree >= 3 && mvnTree / total >= 0.3) {
            return ContentType.TREE;
        }
        if (build >= 2 && build / total >= 0.15) {
            return ContentType.BUILD_OUTPUT;
        }
        if (search / total >= 0.6 || (search + numbered + headings) / total >= 0.8 && numbered + search >= 3
                && (headings > 0 || numbered / total >= 0.8)) {
            return ContentType.SEARCH;
        }
        if (tree / total >= 0.4 || looksLikePathListing(lines, n, nonEmpty)) {
            return ContentType.TREE;
        }
        if (log / total >= 0.5) {
            return ContentType.LOG;
        }
        if (table / total >= 0.6 || (nonEmpty >= 3 && commas / total >= 0.9 && firstCommas >= 2)
                || (nonEmpty >= 3 && tabs / total >= 0.9)) {
            return ContentType.TABLE;
        }
        if (code / total >= 0.25) {
            return ContentType.CODE;
        }
        if (sentences / total >= 0.3) {
            return ContentType.PROSE;
        }
        if (log / total >= 0.25) {
            return ContentType.LOG;
        }
        return ContentType.UNKNOWN;
    }

    /** {@code find} output (one path per line) or {@code ls -R} output (sections headed {@code dir:}). */
    private static boolean looksLikePathListing(String[] lines, int n, int nonEmpty) {
        if (nonEmpty < 5) {
            return false;
        }
        int paths = 0;
        int bare = 0;
        int lsHeaders = 0;
        for (int i = 0; i < n; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.indexOf(' ') >= 0 || line.indexOf('\t') >= 0) {
                continue;
            }
            if (line.endsWith(":") && (i == 0 || lines[i - 1].isEmpty())) {
                lsHeaders++;
            } else if (line.indexOf('/') >= 0 && line.indexOf("://") < 0) {
                paths++;
            } else {
                bare++;
            }
        }
        if (paths >= nonEmpty * 0.8) {
            return true;
        }
        return lsHeaders >= 2 && lsHeaders + paths + bare >= nonEmpty * 0.9;
    }

    private static int countChar(String s, char c) {
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                count++;
            }
        }
        return count;
    }

    private static boolean looksBinary(String sample) {
        int control = 0;
        int len = Math.min(sample.length(), 8192);
        for (int i = 0; i < len; i++) {
            char ch = sample.charAt(i);
            if (ch == 0) {
                return true;
            }
            if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' && ch != 0x1b && ch != '\f' && ch != '\b') {
                control++;
            }
            if (ch == '\uFFFD') {
                control++;
            }
        }
        return len > 0 && control > len / 20;
    }
}
