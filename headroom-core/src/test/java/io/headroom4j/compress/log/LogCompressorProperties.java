package io.headroom4j.compress.log;

import static io.headroom4j.compress.log.LogTestSupport.containsInOrder;
import static io.headroom4j.compress.log.LogTestSupport.reconstruct;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.compress.build.BuildOutputCompressor;

final class LogCompressorProperties {

    private static final HeadroomConfig EAGER = HeadroomConfig.builder().minTokens(0).lossyMinTokens(0).build();

    private final LogCompressor compressor = new LogCompressor();

    @Property(tries = 200)
    void lossyFoldingNeverDropsAnErrorLine(@ForAll("logs") GeneratedLog log) {
        CompressionContext ctx = LogTestSupport.lossyContext(EAGER);
        Compressed c = compressor.compress(log.text(), ctx);
        // Every planted error line survives verbatim, with its line ending and in its original order.
        assertThat(containsInOrder(RepeatFolding.decode(c.output()), log.errorLines())).isTrue();
    }

    @Property(tries = 200)
    void markerKeysRetrieveExactlyWhatWasOmitted(@ForAll("logs") GeneratedLog log) {
        CompressionContext ctx = LogTestSupport.lossyContext(EAGER);
        Compressed c = compressor.compress(log.text(), ctx);
        assertThat(reconstruct(c.output(), ctx.store())).isEqualTo(log.text());
        assertThat(c.retrievalKeys()).containsExactlyElementsOf(Markers.keysIn(c.output()));
    }

    @Property(tries = 200)
    void losslessModeDecodesBackExactly(@ForAll("logs") GeneratedLog log) {
        Compressed c = compressor.compress(log.text(), LogTestSupport.losslessContext());
        assertThat(c.lossless()).isTrue();
        assertThat(c.retrievalKeys()).isEmpty();
        assertThat(RepeatFolding.decode(c.output())).isEqualTo(log.text());
    }

    @Property(tries = 100)
    void sameInputGivesSameOutput(@ForAll("logs") GeneratedLog log) {
        String a = compressor.compress(log.text(), LogTestSupport.lossyContext(EAGER)).output();
        String b = compressor.compress(log.text(), LogTestSupport.lossyContext(EAGER)).output();
        assertThat(a).isEqualTo(b);
    }

    @Property(tries = 300)
    void anyTextComesBackThroughMarkersOrUnchanged(@ForAll("noisyTexts") String text) {
        CompressionContext ctx = LogTestSupport.lossyContext(EAGER);
        for (Compressor c : new Compressor[] {compressor, new BuildOutputCompressor()}) {
            Compressed out = c.compress(text, ctx);
            if (out.output().contains("[carriage-return updates in ")) {
                // That marker's key holds the whole input.
                String line = out.output().substring(out.output().indexOf("[carriage-return updates in "));
                assertThat(ctx.store().get(Markers.keysIn(line).get(0))).contains(text);
            } else {
                assertThat(reconstruct(out.output(), ctx.store(), RepeatFolding.canEncode(text))).isEqualTo(text);
            }
        }
    }

    @Provide
    Arbitrary<String> noisyTexts() {
        Arbitrary<String> piece = Arbitraries.of("\n", "\r\n", "\r", "\u001b[31m", "\u001b[0m", "ERROR ",
                "at x.Y(Y.java:1)",
                "GET /a/1 200 3ms ", "GET /a/2 200 4ms ", "\ud800", "\u00e9", "\t", "  ", "[lines 1-2: x]",
                "[previous line repeated 3 more times]", "0", "Progress 50%", "done");
        return piece.list().ofMaxSize(400).map(l -> String.join("", l));
    }

    /** A random log and the error lines planted in it (with their line endings). */
    record GeneratedLog(String text, List<String> errorLines) {
    }

    @Provide
    Arbitrary<GeneratedLog> logs() {
        Arbitrary<String> routine = Arbitraries.of(
                "2026-11-24T10:%02d:%02d.%03dZ INFO [exec-%d] GET /api/orders/%d 200 %dms",
                "2026-11-24T10:%02d:%02d.%03dZ DEBUG [exec-%d] cache refreshed: %d entries in %dms",
                "10.0.0.%d - - [24/Nov/2026:10:%02d:%02d +0000] \"GET /static/%d.js HTTP/1.1\" 200 %d",
                "worker %d processed batch %d of %d (%d items)");
        Arbitrary<String> errors = Arbitraries.of(
                "2026-11-24T10:%02d:%02d.%03dZ ERROR [exec-%d] request %d failed: connection refused (%d)",
                "2026-11-24T10:%02d:%02d.%03dZ WARN [pool] waiting=%d active=%d idle=%d",
                "java.lang.IllegalStateException: boom %d %d %d %d",
                "\tat com.example.Service.call(Service.java:%d) %d %d %d",
                "Traceback (most recent call last): %d %d %d %d",
                "process exited with code %d %d %d %d");
        Arbitrary<Integer> numbers = Arbitraries.integers().between(1, 59);
        Arbitrary<String[]> entry = Arbitraries.integers().between(0, 99).flatMap(roll -> {
            Arbitrary<String> fmt = roll < 8 ? errors : routine;
            return Combinators.combine(fmt, numbers.list().ofSize(6), Arbitraries.of("\n", "\r\n"))
                    .as((f, ns, eol) -> new String[] {String.format(f, ns.toArray()), eol, roll < 8 ? "e" : "r"});
        });
        return entry.list().ofMinSize(0).ofMaxSize(300).map(entries -> {
            StringBuilder sb = new StringBuilder();
            List<String> errorLines = new ArrayList<>();
            for (String[] e : entries) {
                sb.append(e[0]).append(e[1]);
                if (e[2].equals("e")) {
                    errorLines.add(e[0] + e[1]);
                }
            }
            return new GeneratedLog(sb.toString(), errorLines);
        });
    }
}
