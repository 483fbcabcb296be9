package io.headroom4j.route;

import static io.headroom4j.route.HeuristicContentDetector.countChar;
import static io.headroom4j.route.HeuristicContentDetector.endsLikeCode;
import static io.headroom4j.route.HeuristicContentDetector.isComment;
import static io.headroom4j.route.HeuristicContentDetector.isWordy;
import static io.headroom4j.route.HeuristicContentDetector.looksBinary;
import static io.headroom4j.route.HeuristicContentDetector.looksLikeHtml;
import static io.headroom4j.route.HeuristicContentDetector.looksLikePathListing;
import static io.headroom4j.route.HeuristicContentDetector.stripAnsi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detector as it was before session 4's speed-up (a regular expression per line, every vote counted),
 * kept in test scope so a property can prove the faster one gives the same answers. Do not change it. The
 * line helpers the speed-up left as they were (HTML, prose, code and listing checks) are the detector's own.
 *
 * <p>Detects content types from a sample of the text's first lines, with cheap character scans and a few
 * precompiled patterns. Decisions are by vote over the sampled lines, so one odd line does not flip a
 * type; the order of checks goes from the most specific shape (diff, JSON) to the least (prose).
 */
final class LegacyHeuristicContentDetector implements ContentDetector {

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
                    + "<testsuite|<\\?xml.*\\?>\\s*$|\\s*at .+\\(.*\\)$|Downloading from |Downloaded from "
                    + "|Download https?://\\S+\\.(pom|jar|module)$)");
    /**
     * Lines that only build tools and test runners print (pytest, cargo, go test, jest, node:test/TAP, Maven,
     * Gradle, JUnit XML, npm). One of them plus a few other build-like lines decides BUILD_OUTPUT, because
     * test output is mostly the user's own text (assertion messages, code excerpts) and scores low otherwise.
     */
    private static final Pattern BUILD_STRONG_LINE = Pattern.compile("^("
            // pytest
            + "=+ (test session starts|FAILURES|ERRORS|short test summary info|warnings summary)"
            + "|collected \\d+ items?|platform \\S+ -- Python|(FAILED|PASSED|ERROR|SKIPPED) \\S+::"
            + "|\\S+::\\S+ (PASSED|FAILED|SKIPPED|ERROR)"
            // cargo, rustc
            + "|running \\d+ tests?$|test result: |test \\S+ \\.\\.\\. (ok|FAILED|ignored)|error\\[E\\d+\\]"
            + "|\\s+Compiling \\S+ v\\d|error: could not compile|\\s+--> \\S+:\\d+:\\d+"
            // go test
            + "|--- (FAIL|PASS|SKIP): |=== RUN |(ok|FAIL)\\s+\\S+\\s+(\\(cached\\)|[\\d.]+s)$|FAIL$|PASS$"
            // jest, node:test (TAP)
            + "|(PASS|FAIL) \\S+\\.(js|ts|jsx|tsx|mjs|cjs)|Test Suites: |Tests: +\\d"
            + "|\\s+[\u2713\u2715\u221a\u00d7] |\\s+\u25cf |TAP version \\d+|\\s*(not )?ok \\d+ - "
            + "|# (tests|pass|fail) \\d+"
            // Maven, Gradle, JUnit XML, npm
            + "|\\[(INFO|ERROR|WARNING)\\] (BUILD|Tests run:|T E S T S|--- |COMPILATION ERROR)"
            + "|BUILD (SUCCESS|FAILURE|FAILED)|> Task :|Tests run: \\d+, Failures: |.*<testsuites?[ >]|\\s*<testcase "
            + "|npm (ERR!|error|warn) |> \\S+@\\S+ (test|build)$"
            // Gradle: test events, plain-console task lines (Gradle 4), the failure summary
            + "|[\\w.$]+ > .+ (PASSED|FAILED|SKIPPED)$|\\d+ tests? completed(, \\d+ failed)?"
            + "|:[a-z]\\w*(:[a-z]\\w*)*( (UP-TO-DATE|NO-SOURCE|FROM-CACHE|SKIPPED|FAILED))?$"
            + "|\\* What went wrong:|FAILURE: Build failed with an exception\\.)");
    private static final Pattern TREE_LINE = Pattern.compile("^[\\s\u00a0│|`]*([├└+|`\\\\][─\\-]{1,3}|\\s{2,}[├└])\\s?.+");
    private static final Pattern CODE_LINE = Pattern.compile(
            "^\\s*(import |from \\S+ import |package |#include |def |class |public |private |protected |func |fn |"
                    + "pub |impl |struct |interface |const |let |var |function |export |return |if \\(|for \\(|}\\s*$|"
                    + "@\\w+|#\\[|use \\w)");
    private static final Pattern MARKDOWN_HEADING = Pattern.compile("#{1,6} \\S.*");
    /** Statements the keyword list misses: assignments, calls, control flow, Python blocks, C preprocessor. */
    private static final Pattern STATEMENT = Pattern.compile(
            "^\\s*((if|elif|else|for|while|try|except|finally|with|match|case|switch|do|loop)\\b.*[:{]\\s*$"
                    + "|[\\w.\\[\\]]+(\\s*:\\s*[\\w\\[\\], .|]+)?\\s*[-+*/|&]?=\\s*\\S"
                    + "|[\\w.]+\\(.*\\)[;,]?\\s*$|#(define|if|ifdef|ifndef|endif|pragma)\\b|typedef |static "
                    + "|template\\s*<"
                    + "|namespace |async |await |raise |yield |assert |del |pass$|break;?$|continue;?$|mod |match )");
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
