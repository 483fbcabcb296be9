package io.headroom4j.compress.build;

import io.headroom4j.compress.log.LineFolder;
import io.headroom4j.compress.log.LineSignals;
import io.headroom4j.compress.log.LogLines;

/**
 * Sorts the lines of build and test output into what must stay and what may fold. One pass over the lines
 * with a little state (inside a failure report, a TAP block, a compiler diagnostic, an XML
 * {@code <properties>} block); each line's test is a few {@code startsWith}/{@code contains} checks on the
 * line with ANSI colour codes removed.
 *
 * <p>Recognised shapes come from real output of Maven/Surefire, Gradle, npm with jest and node:test, pytest,
 * cargo test/build, go test and JUnit XML reports (see {@code fixtures/build/README.md}); anything else is
 * {@link #NEUTRAL} and left to template folding, so an unknown tool degrades to the log compressor's rules.
 */
final class BuildLineClassifier {

    /** Not recognised: template folding decides (first of each template and rare lines stay). */
    static final int NEUTRAL = 0;
    /** A passing (or skipped-by-design) test line. */
    static final int PASS = 1;
    /** Download, transfer, progress and up-to-date noise. */
    static final int NOISE = 2;
    /** A stack frame in framework, runtime or dependency code. */
    static final int FRAMEWORK_FRAME = 3;
    /** Environment properties of a JUnit XML report. */
    static final int XML_PROPERTY = 4;
    /**
     * Gradle task header lines ({@code > Task :compileJava UP-TO-DATE}, {@code :classes}) and the rich
     * console's redraws of its progress area between them.
     */
    static final int TASK = 5;
    /** Number of group kinds above. */
    static final int GROUPS = 6;

    private BuildLineClassifier() {
    }

    /**
     * The group of every line, or {@link LineFolder#KEEP}. {@code kinds} is the result of
     * {@link LineSignals#classify}: error lines always stay, frames stay unless they are framework frames.
     */
    static int[] classify(LogLines lines, byte[] kinds) {
        int n = lines.count();
        int[] groups = new int[n];
        boolean inFailureReport = false;
        boolean inDiagnostic = false;
        boolean inProperties = false;
        int tap = 0; // 0 outside, 1 inside a passing TAP YAML block, 2 inside a failing one
        boolean previousFrameworkFrame = false;
        for (int i = 0; i < n; i++) {
            String raw = lines.line(i);
            String s = raw.indexOf('\u001b') >= 0 ? stripAnsi(raw) : raw;
            String t = s.strip();
            int group;
            if (t.isEmpty()) {
                inDiagnostic = false;
                group = tap == 1 ? PASS : LineFolder.KEEP;
                groups[i] = group;
                previousFrameworkFrame = false;
                continue;
            }
            // Region state first: where a failure report starts and stops.
            if (startsFailureReport(t)) {
                inFailureReport = true;
            } else if (endsFailureReport(t)) {
                inFailureReport = false;
            }
            if (t.startsWith("<properties")) {
                inProperties = !t.endsWith("/>");
            }
            if (tap != 0 && t.equals("...")) {
                groups[i] = tap == 1 ? PASS : LineFolder.KEEP;
                tap = 0;
                previousFrameworkFrame = false;
                continue;
            }
            if (t.startsWith("ok ") && isTapResult(t, 3) && i + 1 < n && lines.line(i + 1).strip().equals("---")) {
                tap = 1;
            } else if (t.startsWith("not ok ") && isTapResult(t, 7)) {
                tap = 2;
            }

            // A frame whose method name holds "fail" or "error" (AssertEquals.failNotEqual) is still a frame.
            boolean frame = kinds[i] == LineSignals.FRAME || kinds[i] == LineSignals.ERROR
                    && LineSignals.isStackFrame(raw, 0, raw.length()) && !t.startsWith("Caused by:");
            if (inProperties && t.startsWith("<property ")) {
                groups[i] = XML_PROPERTY;
                previousFrameworkFrame = false;
                continue;
            }
            if (frame) {
                // The source line Python prints under a framework "File" frame belongs to that frame.
                boolean framework = isFrameworkFrame(t, i + 1 < n ? lines.line(i + 1).strip() : "")
                        || previousFrameworkFrame && !t.startsWith("File \"") && kinds[i] == LineSignals.FRAME
                        && lines.line(i - 1).strip().startsWith("File \"");
                group = framework ? FRAMEWORK_FRAME : LineFolder.KEEP;
                previousFrameworkFrame = framework;
            } else if (kinds[i] == LineSignals.ERROR && isDownloadOfErrorNamedArtifact(t)) {
                group = NOISE;
                previousFrameworkFrame = false;
            } else if (kinds[i] == LineSignals.ERROR) {
                group = LineFolder.KEEP;
                inDiagnostic = true;
                previousFrameworkFrame = false;
            } else {
                previousFrameworkFrame = false;
                if (inProperties) {
                    group = XML_PROPERTY;
                    if (t.startsWith("</properties")) {
                        inProperties = false;
                        group = LineFolder.KEEP;
                    }
                } else if (tap == 1) {
                    group = PASS;
                } else if (tap == 2) {
                    group = LineFolder.KEEP;
                } else if (isPassing(t)) {
                    group = PASS;
                } else if (isGradleTask(t)) {
                    group = hasTaskStatus(t) || nextIsTaskOrNoise(lines, i + 1) ? TASK : LineFolder.KEEP;
                } else if (isConsoleRedraw(t, raw)) {
                    group = TASK;
                } else if (isNoise(t, raw)) {
                    group = NOISE;
                } else if (inDiagnostic || inFailureReport || isSummary(t)) {
                    group = LineFolder.KEEP;
                } else {
                    group = NEUTRAL;
                }
            }
            groups[i] = group;
        }
        return groups;
    }

    private static boolean isTapResult(String t, int from) {
        return from < t.length() && Character.isDigit(t.charAt(from));
    }

    /** A line that opens the detailed report of failures. */
    private static boolean startsFailureReport(String t) {
        return t.startsWith("=") && (t.contains(" FAILURES ") || t.contains(" ERRORS "))   // pytest
                || t.startsWith("\u25CF ")                                               // jest "● Suite › test"
                || t.equals("failures:")                                                 // cargo test
                || t.startsWith("---- ") && t.endsWith(" stdout ----")                   // cargo test
                || t.startsWith("--- FAIL: ")                                            // go test
                || t.startsWith("> Task :") && t.endsWith("FAILED");                     // gradle
    }

    /** A line after which the failure report is over. */
    private static boolean endsFailureReport(String t) {
        return t.startsWith("=") && (t.contains("short test summary") || t.contains(" passed")
                || t.contains(" failed") || t.contains("warnings summary"))
                || t.startsWith("PASS ") || t.startsWith("FAIL ") || t.startsWith("Test Suites:")
                || t.startsWith("test result:") || t.startsWith("=== RUN") || t.startsWith("--- PASS")
                || t.startsWith("ok  ") || t.startsWith("[INFO] Results:");
    }

    /** A line that reports one passing test (or a passing class/suite). */
    static boolean isPassing(String t) {
        if (t.startsWith("test ") && (t.endsWith(" ... ok") || t.contains(" ... ok "))) {
            return true; // cargo
        }
        if (t.startsWith("=== RUN ") || t.startsWith("=== PAUSE ") || t.startsWith("=== CONT ")
                || t.startsWith("--- PASS: ")) {
            return true; // go test -v
        }
        if (t.startsWith("\u2713 ") || t.startsWith("\u2714 ") || t.startsWith("\u221A ")) {
            return true; // jest/mocha ✓ ✔ √
        }
        if (t.startsWith("PASS ")) {
            return true; // jest suite
        }
        if (t.contains("::") && (t.contains(" PASSED") || t.endsWith(" PASSED"))) {
            return true; // pytest -v
        }
        if (t.endsWith(" PASSED") && t.contains(" > ")) {
            return true; // gradle test events
        }
        if (t.startsWith("<testcase ") && t.endsWith("/>")) {
            return true; // JUnit XML: a test case with no failure child
        }
        if (t.startsWith("# Subtest: ")) {
            return true; // node:test header; the ok/not ok line after it decides what stays
        }
        int tests = t.indexOf("Tests run: ");
        return tests >= 0 && t.contains("Failures: 0, Errors: 0") && t.contains(" -- in ");
    }

    /**
     * A Gradle task header: {@code > Task :name} (verbose console, and the plain console of current Gradle)
     * or {@code :name} (plain console of Gradle 4), optionally with an outcome such as {@code UP-TO-DATE};
     * never one that {@code FAILED} (that line is an error and stays).
     */
    static boolean isGradleTask(String t) {
        int p = t.startsWith("> Task :") ? 8 : t.startsWith(":") ? 1 : -1;
        if (p < 0 || p >= t.length() || !Character.isLetter(t.charAt(p))) {
            return false;
        }
        while (p < t.length() && isTaskNameChar(t.charAt(p))) {
            p++;
        }
        return p == t.length() || hasTaskStatus(t) && t.charAt(p) == ' ' && t.indexOf(' ', p + 1) < 0;
    }

    private static boolean isTaskNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == ':' || c == '_' || c == '-' || c == '.';
    }

    /** A task outcome that says the task did no work worth reading. */
    private static boolean hasTaskStatus(String t) {
        return t.endsWith(" UP-TO-DATE") || t.endsWith(" NO-SOURCE") || t.endsWith(" FROM-CACHE")
                || t.endsWith(" SKIPPED");
    }

    /**
     * True when the next line with text is another task header or console progress: a task that ran but
     * printed nothing. A task header followed by output (compiler errors, test events) stays, as its heading.
     */
    private static boolean nextIsTaskOrNoise(LogLines lines, int from) {
        for (int k = from; k < lines.count(); k++) {
            String raw = lines.line(k);
            String t = (raw.indexOf('\u001b') >= 0 ? stripAnsi(raw) : raw).strip();
            if (!t.isEmpty()) {
                return isGradleTask(t) || isConsoleRedraw(t, raw) || isNoise(t, raw);
            }
        }
        return true;
    }

    /**
     * Gradle's rich console redrawing its status area: cursor-up escapes with the progress bar
     * ({@code <====---> 42% EXECUTING [3s]}), the {@code > IDLE} worker lines and {@code > Connecting to Daemon}.
     */
    static boolean isConsoleRedraw(String t, String raw) {
        return hasCursorUp(raw)
                && (t.contains("% EXECUTING") || t.contains("% CONFIGURING") || t.contains("% INITIALIZING")
                || t.contains("% WAITING") || t.startsWith("> IDLE") || t.startsWith("> Connecting to Daemon"));
    }

    /** True when {@code raw} holds a cursor-up escape ({@code ESC [ n A}), which only a redrawing console writes. */
    private static boolean hasCursorUp(String raw) {
        for (int p = raw.indexOf('\u001b'); p >= 0 && p + 2 < raw.length(); p = raw.indexOf('\u001b', p + 1)) {
            if (raw.charAt(p + 1) != '[') {
                continue;
            }
            int q = p + 2;
            while (q < raw.length() && Character.isDigit(raw.charAt(q))) {
                q++;
            }
            if (q > p + 2 && q < raw.length() && raw.charAt(q) == 'A') {
                return true;
            }
        }
        return false;
    }

    /**
     * A download line whose only error-like word is inside the URL ({@code Download https://…/error_prone_…}):
     * an artifact's name, not an error.
     */
    private static boolean isDownloadOfErrorNamedArtifact(String t) {
        if (!(t.startsWith("Download ") || t.startsWith("Downloading from ") || t.startsWith("Downloaded from "))) {
            return false;
        }
        int url = t.indexOf("://");
        if (url < 0) {
            return false;
        }
        int urlStart = t.lastIndexOf(' ', url) + 1;
        int urlEnd = t.indexOf(' ', url);
        urlEnd = urlEnd < 0 ? t.length() : urlEnd;
        return !LineSignals.isErrorLike(t, 0, urlStart) && !LineSignals.isErrorLike(t, urlEnd, t.length());
    }

    /** Download, transfer, progress and task-bookkeeping lines. */
    static boolean isNoise(String t, String raw) {
        if (raw.indexOf('\r') >= 0 && (t.startsWith("Progress (") || t.contains("%"))) {
            return true;
        }
        return t.startsWith("Downloading from ") || t.startsWith("Downloaded from ")
                || t.startsWith("Progress (")
                || t.startsWith("Download ") && t.contains("://")                       // gradle
                || t.startsWith("Compiling ") && t.contains(" v") && !t.contains("(/")  // cargo deps, not the crate
                || t.startsWith("Downloaded ") && t.contains(" v")
                || t.startsWith("Downloading crates") || t.startsWith("Updating crates.io")
                || t.startsWith("Locking ") || t.startsWith("Adding ") && t.contains(" v")
                || t.startsWith("go: downloading ") || t.startsWith("go: finding ")
                || t.startsWith("npm http ") || t.startsWith("npm sill ") || t.startsWith("npm timing ")
                || t.startsWith("Collecting ") || t.startsWith("Requirement already satisfied")
                || t.startsWith("Using cached ") || t.startsWith("Downloading ") && t.contains(".whl");
    }

    /** Totals and verdicts: always kept. */
    static boolean isSummary(String t) {
        return t.startsWith("Tests run:") || t.startsWith("[INFO] Tests run:") || t.contains("BUILD SUCCESS")
                || t.contains("BUILD FAILURE") || t.contains("BUILD FAILED") || t.startsWith("Test Suites:")
                || t.startsWith("Tests:") || t.startsWith("Snapshots:") || t.startsWith("test result:")
                || t.startsWith("ok  \t") || t.startsWith("ok \t") || t.startsWith("=") && t.endsWith("=")
                && (t.contains(" passed") || t.contains(" failed") || t.contains(" error"))
                || t.startsWith("# tests ") || t.startsWith("# pass ") || t.startsWith("# fail ")
                || t.startsWith("[INFO] Total time") || t.startsWith("Total time")
                || t.startsWith("<testsuite ") || t.startsWith("<testsuites");
    }

    /**
     * True for frames in test frameworks, the runtime, build tools and dependencies; the frames that point
     * into the user's code stay. {@code next} is the following line, which for Go and Rust holds the file.
     */
    static boolean isFrameworkFrame(String t, String next) {
        String f = t.startsWith("at ") ? t.substring(3) : t;
        if (t.startsWith("... ") || t.startsWith("Caused by:") || t.startsWith("Suppressed:")
                || t.startsWith("goroutine ")) {
            return false;
        }
        // Java / Kotlin
        if (startsWithAny(f, "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.junit.", "junit.",
                "org.opentest4j.", "org.apache.maven.", "org.codehaus.plexus.", "org.gradle.", "worker.org.gradle.",
                "org.testng.", "org.mockito.", "org.assertj.", "org.hamcrest.", "net.jqwik.", "kotlin.",
                "kotlinx.coroutines.", "org.springframework.", "org.apache.tomcat.", "org.apache.catalina.",
                "org.eclipse.jetty.", "io.netty.", "reactor.", "net.bytebuddy.", "org.apache.surefire.")) {
            return true;
        }
        // JavaScript
        if (f.contains("node_modules/") || f.contains("node:internal") || f.startsWith("node:")
                || f.contains("(node:") || f.contains("(<anonymous>)") || f.startsWith("new Promise (")
                || f.startsWith("Array.map (") || f.startsWith("async Promise.all")) {
            return true;
        }
        // Python: File "/…/site-packages/…", File "<frozen …>"
        if (t.startsWith("File \"")) {
            return t.contains("site-packages/") || t.contains("/lib/python") || t.contains("<frozen ")
                    || t.contains("dist-packages/");
        }
        // Rust backtrace "N: core::panicking::panic_fmt" and its "at /rustc/…/library/…" line
        if (t.startsWith("at /rustc/") || t.contains("/.cargo/registry/")) {
            return true;
        }
        int colon = t.indexOf(": ");
        if (colon > 0 && allDigits(t, 0, colon)) {
            String name = t.substring(colon + 2);
            return startsWithAny(name, "core::", "std::", "alloc::", "__rustc::", "test::", "rust_begin_unwind",
                    "<fn(", "<alloc::", "<core::", "<std::", "__libc_", "_start", "clone", "start_thread");
        }
        // Go: "\t/usr/local/go/src/testing/testing.go:1974 +0x232" and the function line above it
        if (t.startsWith("/")) {
            return t.contains("/go/src/") || t.contains("/pkg/mod/") || t.contains("/libexec/src/");
        }
        if (next.startsWith("/") && next.contains(".go:")) {
            return next.contains("/go/src/") || next.contains("/pkg/mod/") || next.contains("/libexec/src/");
        }
        return false;
    }

    private static boolean startsWithAny(String s, String... prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allDigits(String s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} without ANSI escape sequences (CSI and OSC). */
    static String stripAnsi(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int p = 0;
        int n = s.length();
        while (p < n) {
            char c = s.charAt(p);
            if (c != 0x1b) {
                sb.append(c);
                p++;
                continue;
            }
            if (p + 1 >= n) {
                break;
            }
            char next = s.charAt(p + 1);
            p += 2;
            if (next == '[') {
                while (p < n) {
                    char d = s.charAt(p++);
                    if (d >= 0x40 && d <= 0x7e) {
                        break;
                    }
                }
            } else if (next == ']') {
                while (p < n) {
                    char d = s.charAt(p++);
                    if (d == 0x07) {
                        break;
                    }
                }
            }
        }
        return sb.toString();
    }
}
