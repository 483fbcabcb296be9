package io.headroom4j.route;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * Detects content types from a sample of the text's first lines, with cheap character scans and a few
 * precompiled patterns. Decisions are by vote over the sampled lines, so one odd line does not flip a
 * type; the order of checks goes from the most specific shape (diff, JSON) to the least (prose).
 */
final class HeuristicContentDetector implements ContentDetector {

    static final int SAMPLE_CHARS = 64 * 1024;
    static final int SAMPLE_LINES = 200;

    static final Pattern SEARCH_LINE = Pattern.compile("^[^\\s:][^:\\n]{0,300}?[:-]\\d+[:-].*");
    static final Pattern LOG_LINE = Pattern.compile(
            "^(\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}|\\[?\\d{2}:\\d{2}:\\d{2}|[A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}"
                    + "|\\d{1,3}(\\.\\d{1,3}){3} - |\\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\\]?[ :])");
    static final Pattern BUILD_LINE = Pattern.compile(
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
    static final Pattern BUILD_STRONG_LINE = Pattern.compile("^("
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
    static final Pattern TREE_LINE = Pattern.compile("^[\\s\u00a0│|`]*([├└+|`\\\\][─\\-]{1,3}|\\s{2,}[├└])\\s?.+");
    static final Pattern CODE_LINE = Pattern.compile(
            "^\\s*(import |from \\S+ import |package |#include |def |class |public |private |protected |func |fn |"
                    + "pub |impl |struct |interface |const |let |var |function |export |return |if \\(|for \\(|}\\s*$|"
                    + "@\\w+|#\\[|use \\w)");
    static final Pattern MARKDOWN_HEADING = Pattern.compile("#{1,6} \\S.*");
    private static final Pattern HTML_TAG = Pattern.compile(
            "<(p|div|span|a|li|ul|ol|table|tr|td|th|h[1-6]|br|section|article|nav|header|footer|body|head|title"
                    + "|meta|link|script|style|img|pre|code|em|strong)[\\s>/]");
    /** Statements the keyword list misses: assignments, calls, control flow, Python blocks, C preprocessor. */
    static final Pattern STATEMENT = Pattern.compile(
            "^\\s*((if|elif|else|for|while|try|except|finally|with|match|case|switch|do|loop)\\b.*[:{]\\s*$"
                    + "|[\\w.\\[\\]]+(\\s*:\\s*[\\w\\[\\], .|]+)?\\s*[-+*/|&]?=\\s*\\S"
                    + "|[\\w.]+\\(.*\\)[;,]?\\s*$|#(define|if|ifdef|ifndef|endif|pragma)\\b|typedef |static "
                    + "|template\\s*<"
                    + "|namespace |async |await |raise |yield |assert |del |pass$|break;?$|continue;?$|mod |match )");
    /** A result line under a file heading ({@code rg --heading}) or from single-file {@code grep -n}. */
    static final Pattern NUMBERED_LINE = Pattern.compile("^\\d{1,9}[:-](?!\\d).*");
    /** An entry of {@code mvn dependency:tree}: {@code [INFO] |  +- group:artifact:jar:1.0:compile}. */
    static final Pattern MVN_TREE_LINE = Pattern.compile("^\\[INFO\\] [|\\s]*[+\\\\]- \\S+:\\S+");
    static final Pattern TABLE_LINE = Pattern.compile("^\\s*\\|.*\\|\\s*$");

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
        String[] lines = firstLines(sample.indexOf('\u001b') >= 0 ? stripAnsi(sample) : sample, SAMPLE_LINES);
        int n = lines.length;
        // Two passes over the sampled lines: the first counts only the votes that can decide the most common
        // answers (build output, log, search results); the second, for the rest, runs only when none of those
        // decided. Every vote is the same as counting all of them at once; a log never pays for the code and
        // prose patterns. The patterns that start with "^" are tried with lookingAt(), which gives the same
        // answer as find() for them without trying every later start position.
        Matcher logM = LOG_LINE.matcher("");
        Matcher searchM = SEARCH_LINE.matcher("");
        Matcher numberedM = NUMBERED_LINE.matcher("");
        Matcher mvnTreeM = MVN_TREE_LINE.matcher("");
        Matcher buildM = BUILD_LINE.matcher("");
        Matcher buildStrongM = BUILD_STRONG_LINE.matcher("");
        int nonEmpty = 0;
        int search = 0;
        int log = 0;
        int build = 0;
        int buildStrong = 0;
        int numbered = 0;
        int headings = 0;
        int mvnTree = 0;
        for (int i = 0; i < n; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            nonEmpty++;
            boolean logLine = logM.reset(line).lookingAt();
            if (logLine) {
                // A timestamped log line ("2024-01-05 12:00:01 ...") also has digits between separators.
                log++;
            } else if (searchM.reset(line).matches()) {
                search++;
            } else if (numberedM.reset(line).matches()) {
                numbered++;
            } else if ((i == 0 || lines[i - 1].isEmpty()) && i + 1 < n
                    && numberedM.reset(lines[i + 1]).matches()) {
                headings++;
            }
            if (line.startsWith("[INFO] ") && mvnTreeM.reset(line).lookingAt()) {
                mvnTree++;
            }
            if (mayStartBuildLine(line.charAt(0)) && buildM.reset(line).lookingAt()) {
                build++;
            }
            if (mayBeStrongBuildLine(line) && buildStrongM.reset(line).lookingAt()) {
                buildStrong++;
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
        return detectRest(lines, n, nonEmpty, log);
    }

    /** The second pass of {@link #detect}: tree, table, prose and code votes, for what the first did not decide. */
    private static ContentType detectRest(String[] lines, int n, int nonEmpty, int log) {
        Matcher treeM = TREE_LINE.matcher("");
        Matcher codeM = CODE_LINE.matcher("");
        Matcher statementM = STATEMENT.matcher("");
        Matcher tableM = TABLE_LINE.matcher("");
        Matcher headingM = MARKDOWN_HEADING.matcher("");
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
        for (int i = 0; i < n; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (treeM.reset(line).matches()) {
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
            if (countable && (codeM.reset(line).lookingAt() || statementM.reset(line).lookingAt())) {
                code++;
            }
            if (tableM.reset(line).matches()) {
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
            if (line.startsWith("#") && headingM.reset(line).matches()) {
                markdown++;
            }
        }
        double total = nonEmpty;
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

    /**
     * The first {@code max} lines of {@code text}, split at {@code "\n"} and {@code "\r\n"}: the same strings
     * as the first {@code max} elements of {@code text.split("\r?\n", max + 1)}, without the regular expression
     * or a copy of the unsampled rest.
     */
    static String[] firstLines(String text, int max) {
        String[] lines = new String[max];
        int count = 0;
        int start = 0;
        while (count < max) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                lines[count++] = text.substring(start);
                break;
            }
            int end = nl > start && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            lines[count++] = text.substring(start, end);
            start = nl + 1;
        }
        return count == max ? lines : Arrays.copyOf(lines, count);
    }

    /**
     * False when no alternative of {@link #BUILD_LINE} can match a line starting with {@code c}: each starts
     * with one of these characters, or with {@code \s} (space, tab, line feed, vertical tab, form feed,
     * carriage return) or {@code \s*at }.
     */
    private static boolean mayStartBuildLine(char c) {
        return switch (c) {
            case '[', '>', 'B', 'T', 'P', 'F', '=', 't', 'r', '-', 'o', 'n', '<', 'a', 'D',
                 ' ', '\t', '\n', '\u000B', '\f', '\r' -> true;
            default -> false;
        };
    }

    /**
     * False when no alternative of {@link #BUILD_STRONG_LINE} can match {@code line} (non-empty): each one
     * starts with one of the characters below or with {@code \s}, or needs {@code "::"}, {@code " > "} or
     * {@code "<testsuite"} in the line, or is {@code \d+ tests? completed}, the only one that starts with a
     * digit. Timestamped log lines fail this at their first characters, before the pattern's 35 alternatives.
     */
    private static boolean mayBeStrongBuildLine(String line) {
        char c = line.charAt(0);
        if (c >= '0' && c <= '9') {
            int i = 1;
            while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
                i++;
            }
            if (line.startsWith(" test", i)) {
                return true;
            }
        } else {
            switch (c) {
                case '=', 'c', 'p', 'F', 'P', 'E', 'S', 'r', 't', 'e', '-', 'o', 'T', 'n', '#', '[', 'B', '>', '<',
                     ':', '*', ' ', '\t', '\n', '\u000B', '\f', '\r' -> {
                    return true;
                }
                default -> {
                    // only the alternatives that look inside the line remain
                }
            }
        }
        return line.contains("::") || line.contains(" > ") || line.contains("<testsuite");
    }

    /** Markup with an HTML doctype or root, or at least four common HTML elements in the first 8 KB. */
    static boolean looksLikeHtml(String trimmed) {
        String head = trimmed.length() > 8192 ? trimmed.substring(0, 8192) : trimmed;
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html")
                || lower.startsWith("<?xml") && lower.contains("<html")) {
            return true;
        }
        if (lower.startsWith("<?xml") || lower.startsWith("<testsuite")) {
            return false;
        }
        // Markdown that opens with an HTML banner (many READMEs) is a document, not a page.
        if (lower.contains("\n## ") || lower.contains("\n```")) {
            return false;
        }
        int tags = 0;
        Matcher m = HTML_TAG.matcher(lower);
        while (m.find() && tags < 4) {
            tags++;
        }
        return tags >= 4;
    }

    /** A line of at least five words made mostly of letters: prose rather than code or data. */
    static boolean isWordy(String line) {
        int letters = 0;
        int spaces = 0;
        int other = 0;
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (!inWord) {
                    words++;
                    inWord = true;
                }
            } else {
                inWord = false;
                if (c == ' ') {
                    spaces++;
                } else if (c != ',' && c != '.' && c != '\'' && c != '-' && c != '’' && c != '"') {
                    other++;
                }
            }
        }
        String t = line.strip();
        return words >= 5 && letters + spaces >= 0.75 * line.length() && other <= Math.max(3, line.length() / 8)
                && !t.endsWith(";") && !t.endsWith("{") && !t.endsWith(")") && !t.startsWith("//")
                && !t.startsWith("*") && !t.startsWith("/*");
    }

    static boolean isComment(String t) {
        return t.startsWith("//") || t.startsWith("/*") || t.startsWith("*") || t.startsWith("#") && !t.startsWith("#[")
                && !t.startsWith("#include") && !t.startsWith("#define") && !t.startsWith("#if");
    }

    static boolean endsLikeCode(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return false;
        }
        char last = t.charAt(t.length() - 1);
        return last == ';' || last == '{' || last == '}' || t.endsWith("):") || t.endsWith("=>")
                || (last == ')' && line.startsWith(" ") && t.indexOf('(') > 0 && t.indexOf(' ') < 0);
    }

    /** {@code text} without ANSI escape sequences, so coloured output matches the same patterns. */
    static String stripAnsi(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int n = text.length();
        for (int p = 0; p < n; p++) {
            char c = text.charAt(p);
            if (c == 0x1b && p + 1 < n && text.charAt(p + 1) == '[') {
                p += 2;
                while (p < n && (text.charAt(p) < 0x40 || text.charAt(p) > 0x7e)) {
                    p++;
                }
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** {@code find} output (one path per line) or {@code ls -R} output (sections headed {@code dir:}). */
    static boolean looksLikePathListing(String[] lines, int n, int nonEmpty) {
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

    static int countChar(String s, char c) {
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                count++;
            }
        }
        return count;
    }

    static boolean looksBinary(String sample) {
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
