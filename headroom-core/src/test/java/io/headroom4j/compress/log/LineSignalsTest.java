package io.headroom4j.compress.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class LineSignalsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-24 10:14:08 ERROR [main] boom",
        "java.lang.IllegalStateException: boom",
        "AssertionError: expected 3",
        "E       ZeroDivisionError: division by zero",
        "FAILED test_cart.py::test_x - assert 1 == 2",
        "--- FAIL: TestX (0.00s)",
        "WARN  pool exhausted",
        "npm warn deprecated inflight@1.0.6",
        "panic: runtime error: index out of range",
        "Traceback (most recent call last):",
        "process exited with code 137",
        "make: *** [all] Error 2",
        "Read timed out",
        "connect ECONNREFUSED: connection refused",
        "    \u2715 applies discount (3 ms)",
        "  \u25cf Cart \u203a applies discount",
        "10.4.5.60 - - [24/Nov/2026:10:14:06 +0000] \"GET /api/orders/1 HTTP/1.1\" 502 157",
        "GET /api/orders/64490 504 30286ms requestId=2ff4",
        "request finished status=503",
        "FATAL: database is not accepting connections",
        "Segmentation fault (core dumped)"})
    void recognisesErrorLikeLines(String line) {
        assertThat(LineSignals.isErrorLike(line, 0, line.length())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Tests run: 20, Failures: 0, Errors: 0, Skipped: 0",
        "0 errors, 0 warnings",
        "GET /api/orders/1 200 12ms",
        "\"GET /x HTTP/1.1\" 200 5021",
        "process exited with code 0",
        "Health check UP (db=UP, diskSpace=UP)",
        "payment settled for order 42",
        "Downloaded 512 bytes in 5.02 s"})
    void doesNotFlagRoutineLines(String line) {
        assertThat(LineSignals.isErrorLike(line, 0, line.length())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\tat com.example.shop.Cart.average(Cart.java:29)",
        "    at org.apache.maven.cli.MavenCli.main (MavenCli.java:196)",
        "      at Object.toBe (src/cart.test.js:7:96)",
        "\t... 62 common frames omitted",
        "Caused by: java.sql.SQLException: boom",
        "  File \"/usr/lib/python3.11/json/decoder.py\", line 337, in decode",
        "goroutine 36 [running]:",
        "\t/usr/local/go/src/testing/testing.go:1974 +0x232",
        "   4: cargo_shop::tests::applies_discount",
        "             at ./src/lib.rs:36:9",
        "        Test.run (node:internal/test_runner/test:796:25)",
        "        node:internal/per_context/primordials:482:82"})
    void recognisesStackFramesOfCommonRuntimes(String line) {
        assertThat(LineSignals.isStackFrame(line, 0, line.length())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"at noon we left", "2026-11-24 INFO started", "Finished in 3.2s"})
    void doesNotTakeProseForFrames(String line) {
        assertThat(LineSignals.isStackFrame(line, 0, line.length())).isFalse();
    }

    @Test
    void marksGoFunctionLinesAndPythonSourceLinesByTheirNeighbours() {
        String text = "example.com/shop.(*Cart).First(...)\n\t/tmp/x/cart.go:17\n"
                + "  File \"/app/x.py\", line 3, in f\n    return 1 / 0\nplain\n";
        byte[] kinds = LineSignals.classify(LogLines.of(text));
        assertThat(kinds).containsExactly(LineSignals.FRAME, LineSignals.FRAME, LineSignals.FRAME, LineSignals.FRAME,
                LineSignals.PLAIN);
    }
}
