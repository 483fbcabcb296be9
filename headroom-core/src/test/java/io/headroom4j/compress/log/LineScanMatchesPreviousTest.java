package io.headroom4j.compress.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The faster per-line scan (session 8, h-scan) against the scan it replaced, kept verbatim in
 * {@link PreviousLineScan}: every line's verdict, every plain line's masked form, token count and hash, on
 * generated logs and on every log and build fixture.
 */
final class LineScanMatchesPreviousTest {

    private static final List<String> FIXTURES = List.of("log/app.log", "log/access.log",
            "build/cargo-build-error.txt", "build/cargo-test-failure.txt", "build/go-test-verbose.txt",
            "build/go-test.txt", "build/gradle-compile-error.txt", "build/gradle-test-failure-verbose-ansi.txt",
            "build/gradle-test-failure.txt", "build/jest.txt", "build/maven-compile-error-e.txt",
            "build/maven-test-failure-ansi-progress.txt", "build/maven-test-failure-batch.txt",
            "build/node-test-tap.txt", "build/npm-jest-verbose.txt", "build/pytest-junit.xml",
            "build/pytest-verbose.txt", "build/pytest.txt", "build/surefire-TEST-CartTest.xml");

    /** Per line: verdict, and for a plain line its masked form, token count and hash, as the new scan gives them. */
    static List<String> scanned(LogLines lines) {
        LineScan scan = LineScan.of(lines, Integer.MAX_VALUE);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.count(); i++) {
            if (scan.kinds[i] != LineSignals.PLAIN) {
                out.add(scan.kinds[i] + "");
                continue;
            }
            int id = scan.signatureOf(i);
            out.add("0 " + scan.tokens(0, id) + " " + scan.hash(0, id) + " "
                    + new String(scan.buffer(0), scan.start(0, id), scan.length(0, id)));
        }
        return out;
    }

    /** {@link #scanned} by the previous scan. */
    static List<String> scannedBefore(LogLines lines) {
        PreviousLineScan.Part scan = PreviousLineScan.scan(lines);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.count(); i++) {
            if (scan.kinds[i] != LineSignals.PLAIN) {
                out.add(scan.kinds[i] + "");
                continue;
            }
            int id = scan.signature[i];
            out.add("0 " + scan.tokens[id] + " " + scan.hashes[id] + " "
                    + new String(scan.masker.sig, scan.starts[id], scan.lengths[id]));
        }
        return out;
    }

    @Test
    void everyFixtureScansAsBefore() {
        for (String fixture : FIXTURES) {
            LogLines lines = LogLines.of(LogTestSupport.fixture(fixture));
            assertThat(scanned(lines)).as(fixture).isEqualTo(scannedBefore(lines));
        }
    }

    @Test
    void theProxyBenchLogScansAsBefore() {
        LogLines lines = LogLines.of(LineScanCpu.benchLog("pin-0"));
        assertThat(scanned(lines)).isEqualTo(scannedBefore(lines));
    }

    @Test
    void longSegmentsManyTokensAndRedrawsMaskAsBefore() {
        String digits = "7".repeat(300);
        String letters = "abc".repeat(100);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            many.append("t").append(i % 7 == 0 ? String.valueOf(i) : "x").append(' ');
        }
        String text = String.join("\n", "id=" + digits, "id=" + letters, letters + "1", "x" + "a".repeat(255) + "9",
                "a".repeat(256) + " b", "a".repeat(257), "a".repeat(258) + "/", many.toString(),
                many.toString().trim(), "progress 10%\r progress 20%\r done 3ms", "a\r", "\r\r", "\u001b[31mred 5\u001b",
                "\u001b]0;title\u0007 ok 12", "12 ms 1.5kB 3,4MB x9y 0x1f 10.0.0.1:8080 \u00e9t\u00e9 5\u00e9",
                "\u000b\f\t 42 \t", "a\u001b", "+1 #2 @3 ?4 &5 |6 <7> {8} [9] (0) 'q' \"r\" ;s ,t");
        LogLines lines = LogLines.of(text);
        assertThat(scanned(lines)).isEqualTo(scannedBefore(lines));
    }

    @Property(tries = 500)
    void anyLogScansAsBefore(@ForAll("logs") String text) {
        LogLines lines = LogLines.of(text);
        assertThat(scanned(lines)).isEqualTo(scannedBefore(lines));
    }

    @Provide
    Arbitrary<String> logs() {
        Arbitrary<String> templated = Arbitraries.of("INFO GET /api/items/%d %d %dms", "WARN slow query %d took %dms",
                "ERROR failed to connect to 10.0.0.%d:%d", "    at com.shop.Cart.add(Cart.java:%d)",
                "progress %d%%\r progress %d%%\r done", "\u001b[32mok\u001b[0m test %d (%dms)",
                "  File \"app.py\", line %d, in run", "    x = compute(%d)", "main.run(%d)",
                "\t/src/app/main.go:%d +0x%d", "caf\u00e9 %d \u00e9t\u00e9 %d", "status=%d dur=%dms",
                "GET /x %d HTTP/1.1\" %d 157", "exit code %d", "exited with %d", "%d errors, %d warnings",
                "Tests run: %d, Failures: %d", "2026-11-24T06:%d:%d INFO http GET /api/v2/items/%d status=200",
                "   %d: cargo_shop::tests::t%d", "... %d more", "goroutine %d [running]:", "x%dy%dz",
                "\u2716 %d failed", "\u25cf suite %d", "Caused by: java.io.IOException: %d",
                "node:internal/test_runner/test:%d:%d", "Test.run (node:internal/test_runner/test:%d:%d)")
                .flatMap(f -> Arbitraries.integers().between(0, 999).list().ofSize(3)
                        .map(n -> f.replaceFirst("%d", n.get(0).toString()).replaceFirst("%d", n.get(1).toString())
                                .replaceFirst("%d", n.get(2).toString())));
        Arbitrary<String> words = Arbitraries.of("error", "Error", "ERRORS", "exception", "TypeError", "IOException",
                "exit", "emerg", "fatal", "fail", "Failed", "panic", "critical", "core dumped", "severe", "segfault",
                "segmentation fault", "status", "traceback", "timed out", "warn", "Warning", "abort", "killed",
                "out of memory", "denied", "refused", "unhandled", "uncaught", "unable to", "0", "1", "500", "503",
                "5000", "0.5", " ", "  ", "\t", "=", ":", "/", "\"", "ms", "kB", "%", "\u001b[1m", "\u00e9", "\u2715",
                "x", "er", "ex", "e", "0 ", "\r", "at ", "File \"", "\", line ", "(", ")", "<anonymous>", ".go:",
                "\uD83D\uDE00", "\uD800", "\u0000", "\u007f");
        Arbitrary<String> composed = words.list().ofMaxSize(14).map(ws -> String.join("", ws));
        Arbitrary<String> line = Arbitraries.oneOf(templated, composed,
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80),
                Arbitraries.strings().ofMaxLength(20));
        return line.list().ofMinSize(1).ofMaxSize(40).flatMap(ls -> Arbitraries.of("\n", "\r\n")
                .map(nl -> String.join(nl, ls)));
    }
}
