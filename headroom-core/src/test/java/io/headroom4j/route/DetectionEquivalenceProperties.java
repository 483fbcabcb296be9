package io.headroom4j.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The detector gives the same answer as {@link LegacyHeuristicContentDetector} (the one before session 4's
 * speed-up: a regular-expression split, every pattern tried with {@code find()} on every line) for texts
 * made of lines of every shape the votes count, mixed, with CRLF, blank lines, ANSI colours and odd bytes.
 */
final class DetectionEquivalenceProperties {

    private static final List<String> SHAPES = List.of(
            "2026-11-24T06:12:01 INFO http GET /api/v2/items/42 status=200 dur=12ms",
            "2024-01-05 12:00:01,123 ERROR [main] c.e.Service - failed to connect",
            "[12:00:01] WARN disk almost full", "Jan  5 12:00:01 host sshd[42]: Accepted key",
            "10.0.0.1 - - [05/Jan/2024:12:00:01 +0000] \"GET / HTTP/1.1\" 200 512", "[ERROR] boom", "INFO: started",
            "src/main/App.java:42:    return x;", "src/a.py-12-def f():", "12:    int x = 1;", "12-context line",
            "src/main/App.java", "[INFO] BUILD SUCCESS", "[INFO] +- com.google:guava:jar:33.0:compile",
            "[INFO] |  \\- org.slf4j:slf4j-api:jar:2.0:compile", "> Task :compileJava", "BUILD FAILED in 3s",
            "Tests run: 3, Failures: 1, Errors: 0, Skipped: 0", "PASS src/a.test.js", "FAIL src/b.test.ts",
            "=== RUN   TestFoo", "--- FAIL: TestFoo (0.00s)", "ok  \texample.com/m\t0.012s", "FAIL",
            "test result: ok. 3 passed", "running 3 tests", "test tests::it_works ... ok", "error[E0308]: mismatched",
            "   Compiling foo v0.1.0", "  --> src/main.rs:3:5", "collected 4 items", "tests/test_a.py::test_b PASSED",
            "FAILED tests/test_a.py::test_c - assert 1 == 2", "===== test session starts =====",
            "  \u2713 adds numbers (3 ms)", "  \u25cf Suite > fails", "TAP version 13", "not ok 2 - fails", "# tests 4",
            "npm ERR! code ELIFECYCLE", "> shop@1.0.0 test", "com.example.FooTest > bar() FAILED",
            "3 tests completed, 1 failed", ":app:compileJava UP-TO-DATE", "* What went wrong:",
            "    at com.example.Foo.bar(Foo.java:12)", "<?xml version=\"1.0\"?>", "<testsuite name=\"x\">",
            "  <testcase name=\"y\"/>", "Downloading from central: https://repo/x.pom",
            "Download https://repo/x.jar", "\u251c\u2500\u2500 src", "\u2502   \u2514\u2500\u2500 main", "|-- lib",
            "`-- README.md", "    \u251c\u2500\u2500 x", "import java.util.List;", "from os import path",
            "def main():", "class Foo {", "public static void main(String[] args) {", "    return x;", "}",
            "@Override", "#[derive(Debug)]", "use std::io;", "    if (x) {", "x = compute(y)", "foo(bar);",
            "#define MAX 3", "template <typename T>", "    pass", "// a comment", "/* block */", " * javadoc",
            "# Heading", "## Usage", "```java", "~~~", "| a | b |", "|---|---|", "a,b,c", "1,2,3", "x\ty\tz",
            "This is a sentence of prose that goes on long enough to count as one. It has words.",
            "The quick brown fox jumps over the lazy dog and keeps running far away",
            "<div class=\"x\">", "<p>text</p>", "foo:", "dir/sub:", "./a/b/c.txt", "plain", "   ", "",
            "\u001b[31mERROR\u001b[0m red", "\u001b[32m  \u2713 ok\u001b[0m", "weird \u0000 byte", "caf\u00e9 \ud83d\ude00",
            "ok 1 - passes", "12 tests completed", "7 test completed, 2 failed", "2024-01-05 12:00:01 ::1 GET /",
            "2024-01-05 12:00:01 a > b", "2024-01-05 <testsuites>", "x.y.Z > m() PASSED", "a::b PASSED",
            "\u000Bodd start", "\f  \u2713 x", "Test Suites: 1 failed", "Tests:       3 passed", "# pass 3",
            ":app:test", "* What went wrong:", "FAILURE: Build failed with an exception.", "error: could not compile",
            "platform linux -- Python 3.12", "collected 3 items", "SKIPPED a.py::t", "ERROR b.py::u", "--- a/file", "+++ b/file", "@@ -1,3 +1,4 @@", "{\"a\": 1}", "[1, 2]");

    private final HeuristicContentDetector detector = new HeuristicContentDetector();
    private final LegacyHeuristicContentDetector legacy = new LegacyHeuristicContentDetector();

    @Property(tries = 1500)
    void sameAnswerAsTheRegexDetector(@ForAll("texts") String text) {
        assertThat(detector.detect(text)).isEqualTo(legacy.detect(text));
    }

    @Property(tries = 300)
    void sameAnswerForArbitraryStrings(@ForAll String text) {
        assertThat(detector.detect(text)).isEqualTo(legacy.detect(text));
    }

    @Property(tries = 200)
    void firstLinesAreTheRegexSplitsFirstElements(@ForAll("texts") String text) {
        String[] expected = text.split("\r?\n", 201);
        String[] actual = HeuristicContentDetector.firstLines(text, 200);
        assertThat(actual).containsExactly(java.util.Arrays.copyOf(expected, Math.min(expected.length, 200)));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> shape = Arbitraries.oneOf(Arbitraries.of(SHAPES),
                Arbitraries.strings().withChars(" \t\r:-/|#<>[]{}()0123456789aAzZ.,;=*`~\u2502\u251c").ofMaxLength(30));
        Arbitrary<String> separator = Arbitraries.of("\n", "\r\n", "\n\n", "\r", "\n \n");
        // One line shape repeated with a few others mixed in, as real tool output is.
        Arbitrary<String> dominant = Arbitraries.of(SHAPES);
        Arbitrary<List<String>> mixed = Arbitraries.oneOf(shape, dominant, dominant).list().ofMinSize(0).ofMaxSize(260);
        return net.jqwik.api.Combinators.combine(mixed, separator, dominant,
                        Arbitraries.integers().between(0, 400))
                .as((lines, sep, dom, repeat) -> {
                    StringBuilder sb = new StringBuilder();
                    for (String l : lines) {
                        sb.append(l).append(sep);
                    }
                    // Sometimes the dominant shape fills most of the sample.
                    for (int i = 0; i < repeat % 5 * repeat / 4; i++) {
                        sb.append(dom).append(i).append('\n');
                    }
                    return sb.toString();
                });
    }
}
