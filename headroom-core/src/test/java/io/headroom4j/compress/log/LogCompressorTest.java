package io.headroom4j.compress.log;

import static io.headroom4j.compress.log.LogTestSupport.containsInOrder;
import static io.headroom4j.compress.log.LogTestSupport.fixture;
import static io.headroom4j.compress.log.LogTestSupport.lossyContext;
import static io.headroom4j.compress.log.LogTestSupport.losslessContext;
import static io.headroom4j.compress.log.LogTestSupport.protectedLines;
import static io.headroom4j.compress.log.LogTestSupport.reconstruct;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Markers;

final class LogCompressorTest {

    private final LogCompressor compressor = new LogCompressor();

    @Test
    void foldsIncidentAppLogKeepingEveryErrorWarningAndFrameInOrder() {
        String log = fixture("log/app.log");
        CompressionContext ctx = lossyContext();
        Compressed c = compressor.compress(log, ctx);
        assertThat(c.lossless()).isFalse();
        assertThat(c.transform()).isEqualTo(LogCompressor.TEMPLATES);
        assertThat(c.output().length()).isLessThan(log.length() / 2);
        List<String> kept = protectedLines(log);
        assertThat(kept).hasSizeGreaterThan(100);
        assertThat(containsInOrder(c.output(), kept)).isTrue();
        assertThat(c.output()).contains("CircuitBreaker 'inventory' changed state from HALF_OPEN to CLOSED");
        assertThat(reconstruct(c.output(), ctx.store())).isEqualTo(log);
        assertThat(c.retrievalKeys()).isEqualTo(Markers.keysIn(c.output()));
    }

    @Test
    void keepsServerErrorsOfAnAccessLog() {
        String log = fixture("log/access.log");
        CompressionContext ctx = lossyContext();
        Compressed c = compressor.compress(log, ctx);
        long serverErrors = log.lines().filter(l -> l.contains("\" 502 ") || l.contains("\" 504 ")).count();
        assertThat(serverErrors).isGreaterThan(10);
        assertThat(c.output().lines().filter(l -> l.contains("\" 502 ") || l.contains("\" 504 ")).count())
                .isEqualTo(serverErrors);
        assertThat(reconstruct(c.output(), ctx.store())).isEqualTo(log);
        assertThat(c.output().length()).isLessThan(log.length() / 2);
    }

    @Test
    void collapsesCarriageReturnProgressToFinalStates() {
        String log = fixture("build/maven-test-failure-ansi-progress.txt");
        CompressionContext ctx = lossyContext();
        Compressed c = compressor.compress(log, ctx);
        assertThat(c.output()).doesNotContain("Progress (1): 4.1/8.2 kB\r");
        assertThat(c.output()).contains("carriage-return updates in ");
        assertThat(containsInOrder(c.output(), protectedLines(log))).isTrue();
    }

    @Test
    void losslessModeOnlyFoldsExactRepeatsAndDecodesBack() {
        String log = "start\n" + "same line\n".repeat(50) + "end\n";
        Compressed c = compressor.compress(log, losslessContext());
        assertThat(c.lossless()).isTrue();
        assertThat(c.output()).isEqualTo("start\nsame line\n[previous line repeated 49 more times]\nend\n");
        assertThat(RepeatFolding.decode(c.output())).isEqualTo(log);
        Compressed app = compressor.compress(fixture("log/app.log"), losslessContext());
        assertThat(app.output()).isEqualTo(fixture("log/app.log"));
    }

    @Test
    void leavesContentThatAlreadyHoldsAMarkerAlone() {
        String log = fixture("log/app.log")
                + "[lines 1-9: 9 lines omitted; retrieve: 0123456789abcdef01234567]\n";
        Compressed c = compressor.compress(log, lossyContext());
        assertThat(c.output()).isSameAs(log);
    }

    @Test
    void keepsCrlfLineEndingsOfKeptLines() {
        String log = fixture("log/app.log").replace("\n", "\r\n");
        CompressionContext ctx = lossyContext();
        Compressed c = compressor.compress(log, ctx);
        assertThat(c.output().replace("\r\n", "")).doesNotContain("\n");
        assertThat(reconstruct(c.output(), ctx.store())).isEqualTo(log);
    }

    @Test
    void passesBinaryAndOddInputThroughWithoutThrowing() {
        byte[] bytes = new byte[100_000];
        new Random(7).nextBytes(bytes);
        String binary = new String(bytes, StandardCharsets.ISO_8859_1);
        String mixed = new String(bytes, StandardCharsets.UTF_8) + "\ud800 lone \udc00\n"
                + "caf\u00e9 €\n".repeat(3000);
        for (String s : List.of(binary, mixed, "\u001b[31mERROR\u001b[0m boom\n".repeat(2000), "\n\n\n", "\r\r\r")) {
            Compressed c = compressor.compress(s, lossyContext());
            assertThat(c.output()).isNotNull();
        }
    }

    /**
     * A 1 GB line does not fit a unit test; 50 MB exercises the same path. Nothing in it depends on line
     * length beyond one linear scan: splitting finds no newline, the keyword scan and the masking scan are
     * single passes (masking stops collecting after 256 tokens and turns any token over 256 characters into
     * a wildcard), and with fewer than five lines folding is skipped, so cost grows linearly with size.
     */
    @Test
    void handlesA50MegabyteSingleLine() {
        String line = "x".repeat(50 * 1024 * 1024);
        Compressed c = compressor.compress(line, lossyContext());
        assertThat(c.output()).isSameAs(line);
    }
}
