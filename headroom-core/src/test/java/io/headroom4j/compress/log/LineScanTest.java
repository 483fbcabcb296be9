package io.headroom4j.compress.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.internal.SideWork;

final class LineScanTest {

    private static final ExecutorService POOL = Executors.newSingleThreadExecutor();
    private static final List<String> FIXTURES = List.of("log/app.log", "log/access.log",
            "build/gradle-test-failure-verbose-ansi.txt", "build/maven-test-failure-ansi-progress.txt",
            "build/go-test-verbose.txt", "build/pytest-verbose.txt", "build/npm-jest-verbose.txt",
            "build/node-test-tap.txt", "build/cargo-test-failure.txt");

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    /** Runs {@code body} on a pool thread while this thread helps it, as the proxy does. */
    private static <T> T helped(Supplier<T> body) throws Exception {
        SideWork side = new SideWork();
        Future<T> f = POOL.submit(() -> side.run(body));
        side.help(f, TimeUnit.SECONDS.toNanos(10));
        return f.get(30, TimeUnit.SECONDS);
    }

    /** What the scan and the mining give, as comparable text: verdicts, ids, and each template's fields. */
    private static String minedByScan(LogLines lines) {
        LineScan scan = LineScan.of(lines, 0);
        return describe(scan.kinds, lines.count(), drain -> drain.parse(scan, skipOf(scan.kinds)));
    }

    private static String minedLineByLine(LogLines lines) {
        byte[] kinds = LineSignals.classify(lines);
        return describe(kinds, lines.count(), drain -> drain.parse(lines, skipOf(kinds)));
    }

    private static boolean[] skipOf(byte[] kinds) {
        boolean[] skip = new boolean[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            skip[i] = kinds[i] != LineSignals.PLAIN;
        }
        return skip;
    }

    private static String describe(byte[] kinds, int n, java.util.function.Function<DrainParser, int[]> parse) {
        DrainParser drain = new DrainParser();
        int[] ids = parse.apply(drain);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(kinds[i]).append(':').append(ids[i]).append(' ');
        }
        for (DrainParser.Template t : drain.templates()) {
            sb.append('\n').append(t.id()).append(' ').append(t.size()).append(' ').append(t.firstLine()).append(' ')
                    .append(t.text());
        }
        return sb.toString();
    }

    @Test
    void scanningInTwoHalvesMinesTheSameTemplatesAsTheLineByLineScans() throws Exception {
        for (String fixture : FIXTURES) {
            String text = LogTestSupport.fixture(fixture);
            for (String content : List.of(text, text + "\n" + text)) {
                LogLines lines = LogLines.of(content);
                String expected = minedLineByLine(lines);
                // Without a helper taking it, the second half is taken back and run here: same answer.
                assertThat(new SideWork().run(() -> minedByScan(lines))).as(fixture).isEqualTo(expected);
                assertThat(helped(() -> minedByScan(lines))).as(fixture + ", helped").isEqualTo(expected);
                assertThat(minedByScan(lines)).as(fixture + ", one part").isEqualTo(expected);
            }
        }
    }

    @Test
    void aHelpedCompressionGivesTheSameBytesAndKeys() throws Exception {
        for (String fixture : List.of("log/app.log", "log/access.log")) {
            String text = LogTestSupport.fixture(fixture);
            for (String content : List.of(text, text + "\n" + text)) {
                Compressed alone = new LogCompressor().compress(content, LogTestSupport.lossyContext());
                CompressionContext ctx = LogTestSupport.lossyContext();
                Compressed helped = helped(() -> new LogCompressor().compress(content, ctx));
                assertThat(helped.output()).as(fixture).isEqualTo(alone.output());
                assertThat(helped.retrievalKeys()).isEqualTo(alone.retrievalKeys());
                assertThat(helped.note()).isEqualTo(alone.note());
                assertThat(LogTestSupport.reconstruct(helped.output(), ctx.store())).isEqualTo(content);
            }
        }
    }

    @Property(tries = 200)
    void halvesAgreeWithTheLineByLineScansOnAnyLog(@ForAll("logs") String text) {
        LogLines lines = LogLines.of(text);
        assertThat(new SideWork().run(() -> minedByScan(lines))).isEqualTo(minedLineByLine(lines));
    }

    @Provide
    Arbitrary<String> logs() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("INFO GET /api/items/%d 200 %dms", "WARN slow query %d took %dms",
                        "ERROR failed to connect to 10.0.0.%d:%d", "    at com.shop.Cart.add(Cart.java:%d)",
                        "progress %d%%\r progress %d%%\r done", "\u001b[32mok\u001b[0m test %d (%dms)",
                        "  File \"app.py\", line %d, in run", "    x = compute(%d)", "main.run(%d)",
                        "\t/src/app/main.go:%d +0x%d", "", "   ", "caf\u00e9 %d \u00e9t\u00e9 %d", "x")
                        .flatMap(f -> Arbitraries.integers().between(0, 700).tuple2()
                                .map(t -> f.replaceFirst("%d", String.valueOf(t.get1()))
                                        .replaceFirst("%d", String.valueOf(t.get2())))),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60));
        return line.list().ofMinSize(2).ofMaxSize(80).flatMap(ls -> Arbitraries.of("\n", "\r\n").map(nl -> {
            List<String> all = new ArrayList<>(ls);
            return String.join(nl, all) + (all.size() % 2 == 0 ? nl : "");
        }));
    }

    @Test
    void bothRunsEveryPartAndRethrowsTheFirstFailure() throws Exception {
        int[] ran = new int[2];
        SideWork.both(() -> ran[0]++, () -> ran[1]++);
        assertThat(ran).containsExactly(1, 1);
        SideWork side = new SideWork();
        side.run(() -> {
            SideWork.both(() -> ran[0]++, () -> ran[1]++);
            return null;
        });
        assertThat(ran).containsExactly(2, 2);
        Throwable thrown = null;
        try {
            helped(() -> {
                SideWork.both(() -> { }, () -> {
                    throw new IllegalArgumentException("second");
                });
                return null;
            });
        } catch (java.util.concurrent.ExecutionException e) {
            thrown = e.getCause();
        }
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("second");
        String[] where = new String[2];
        helped(() -> {
            SideWork.both(() -> where[0] = Thread.currentThread().getName(),
                    () -> where[1] = Thread.currentThread().getName());
            return null;
        });
        assertThat(where[0]).isNotNull();
        assertThat(where[1]).isNotNull();
    }
}
