package io.headroom4j.route;

import static io.headroom4j.route.HeuristicContentDetector.BUILD_LINE;
import static io.headroom4j.route.HeuristicContentDetector.BUILD_STRONG_LINE;
import static io.headroom4j.route.HeuristicContentDetector.CODE_LINE;
import static io.headroom4j.route.HeuristicContentDetector.LOG_LINE;
import static io.headroom4j.route.HeuristicContentDetector.MARKDOWN_HEADING;
import static io.headroom4j.route.HeuristicContentDetector.MVN_TREE_LINE;
import static io.headroom4j.route.HeuristicContentDetector.NUMBERED_LINE;
import static io.headroom4j.route.HeuristicContentDetector.SAMPLE_CHARS;
import static io.headroom4j.route.HeuristicContentDetector.SAMPLE_LINES;
import static io.headroom4j.route.HeuristicContentDetector.SEARCH_LINE;
import static io.headroom4j.route.HeuristicContentDetector.STATEMENT;
import static io.headroom4j.route.HeuristicContentDetector.TABLE_LINE;
import static io.headroom4j.route.HeuristicContentDetector.TREE_LINE;
import static io.headroom4j.route.HeuristicContentDetector.countChar;
import static io.headroom4j.route.HeuristicContentDetector.endsLikeCode;
import static io.headroom4j.route.HeuristicContentDetector.isComment;
import static io.headroom4j.route.HeuristicContentDetector.isWordy;
import static io.headroom4j.route.HeuristicContentDetector.looksBinary;
import static io.headroom4j.route.HeuristicContentDetector.looksLikeHtml;
import static io.headroom4j.route.HeuristicContentDetector.looksLikePathListing;
import static io.headroom4j.route.HeuristicContentDetector.stripAnsi;

import java.util.regex.Matcher;

/**
 * The detector as it was before session 4's speed-up (a regular expression per line, every vote counted),
 * kept in test scope so a property can prove the faster one gives the same answers. Do not change it. The
 * patterns and line helpers the speed-up left as they were are the detector's own; what is kept here is the
 * old way of applying them (split, find() on every line, every vote counted).
 *
 * <p>Detects content types from a sample of the text's first lines, with cheap character scans and a few
 * precompiled patterns. Decisions are by vote over the sampled lines, so one odd line does not flip a
 * type; the order of checks goes from the most specific shape (diff, JSON) to the least (prose).
 */
final class LegacyHeuristicContentDetector implements ContentDetector {

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
        if ((trimmed.startsWith("<?xml") || trimmed.startsWith("<testsuite"))
                && sample.substring(0, Math.min(sample.length(), 4096)).contains("<testsuite")) {
            return ContentType.BUILD_OUTPUT; // a JUnit XML test report
        }
        if (first == '<' && looksLikeHtml(trimmed)) {
            return ContentType.HTML;
        }
        if (trimmed.startsWith("diff --git ") || trimmed.startsWith("--- ") && sample.contains("\n+++ ")
                || trimmed.startsWith("commit ") && sample.contains("\ndiff --git ")
                || sample.contains("\n@@ -") && sample.contains("\n+++ ")) {
            return ContentType.DIFF;
        }
        String[] lines = (sample.indexOf('\u001b') >= 0 ? stripAnsi(sample) : sample).split("\r?\n",
                SAMPLE_LINES + 1);
        int n = Math.min(lines.length, SAMPLE_LINES);
        int nonEmpty = 0;
        int search = 0;
        int log = 0;
        int build = 0;
        int buildStrong = 0;
        int tree = 0;
        int code = 0;
        int table = 0;
        int tabs = 0;
        int commas = 0;
        int firstCommas = -1;
        int sentences = 0;
        int wordy = 0;
        int codeEnd = 0;
        int markdown = 0;
        int comments = 0;
        int fenced = 0;
        boolean inFence = false;
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
            if (BUILD_STRONG_LINE.matcher(line).find()) {
                buildStrong++;
            }
            if (TREE_LINE.matcher(line).matches()) {
                tree++;
            }
            String stripped = line.strip();
            boolean fenceLine = stripped.startsWith("```") || stripped.startsWith("~~~");
            if (fenceLine) {
                inFence = !inFence;
                markdown++;
            }
            // Code and prose votes skip fenced samples (a README's examples) and comment lines.
            boolean countable = !fenceLine && !inFence;
            if (!countable) {
                fenced++;
            }
            if (countable && isComment(stripped)) {
                comments++;
                countable = false;
            }
            if (countable && (CODE_LINE.matcher(line).find() || STATEMENT.matcher(line).find())) {
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
            if (countable && isWordy(line)) {
                wordy++;
            }
            if (countable && endsLikeCode(line)) {
                codeEnd++;
            }
            if (line.startsWith("#") && MARKDOWN_HEADING.matcher(line).matches()) {
                markdown++;
            }
        }
        if (nonEmpty == 0) {
            return ContentType.UNKNOWN;
        }
        double total = nonEmpty;
        if (mvnTree >= 3 && mvnTree / total >= 0.3) {
            return ContentType.TREE;
        }
        if (build >= 2 && build / total >= 0.15
                || buildStrong >= 2 && (buildStrong + build) / total >= 0.05 && log / total < 0.5) {
            return ContentType.BUILD_OUTPUT;
        }
        // Timestamped log lines also match the loose "path:line:" shape of search results; a log is
        // recognised by its line starts (date, time, level, client IP), which search results do not have.
        if (log / total >= 0.5 && log >= search) {
            return ContentType.LOG;
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
        // Documents with code samples (READMEs) are prose: many lines of words, or Markdown structure.
        double countable = Math.max(1, nonEmpty - comments - fenced);
        if (wordy / total >= 0.4 && wordy > code + codeEnd
                || markdown >= 2 && wordy / countable >= 0.2 && wordy > code) {
            return ContentType.PROSE;
        }
        if (code / countable >= 0.25 || code >= 2 && (code + codeEnd) / countable >= 0.4) {
            return ContentType.CODE;
        }
        if (sentences / total >= 0.3 || wordy / total >= 0.3) {
            return ContentType.PROSE;
        }
        if (log / total >= 0.25) {
            return ContentType.LOG;
        }
        return ContentType.UNKNOWN;
    }
}
