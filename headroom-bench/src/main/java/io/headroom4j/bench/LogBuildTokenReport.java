package io.headroom4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.build.BuildOutputCompressor;
import io.headroom4j.compress.log.LogCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

/**
 * Prints, as a Markdown table, the o200k_base tokens of every log and build fixture before and after the
 * log and build compressors, lossless and lossy (default settings: lossy only from 1,000 tokens).
 *
 * <p>Run from the repository root after {@code ./mvnw -q -pl headroom-bench -am package -DskipTests}:
 * {@code java -cp headroom-bench/target/classes:headroom-core/target/classes:<deps>
 * io.headroom4j.bench.LogBuildTokenReport}
 */
public final class LogBuildTokenReport {

    private LogBuildTokenReport() {
    }

    /** Entry point; the optional argument is the fixtures directory. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "headroom-core/src/test/resources/fixtures");
        TokenCounter tokens = TokenCounters.o200k();
        HeadroomConfig config = HeadroomConfig.defaults();
        List<String> logs = List.of("log/app.log", "log/access.log", "build/maven-test-failure-ansi-progress.txt");
        List<String> builds = List.of("build/maven-test-failure-ansi-progress.txt",
                "build/maven-test-failure-batch.txt",
                "build/maven-compile-error-e.txt", "build/surefire-TEST-CartTest.xml", "build/pytest.txt",
                "build/pytest-verbose.txt", "build/pytest-junit.xml", "build/cargo-test-failure.txt",
                "build/cargo-build-error.txt", "build/go-test-verbose.txt", "build/go-test.txt", "build/jest.txt",
                "build/npm-jest-verbose.txt", "build/node-test-tap.txt", "build/gradle-test-failure.txt",
                "build/gradle-test-failure-verbose-ansi.txt", "build/gradle-compile-error.txt");
        System.out.println("| Compressor | Fixture | Tokens | Lossless | Saved | Lossy | Saved |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        long[] totals = new long[6];
        for (String f : logs) {
            row("log", new LogCompressor(), root, f, tokens, config, totals, 0);
        }
        for (String f : builds) {
            row("build", new BuildOutputCompressor(), root, f, tokens, config, totals, 3);
        }
        System.out.printf(Locale.ROOT, "| log | **all** | %,d | %,d | %s | %,d | %s |%n", totals[0], totals[1],
                pct(totals[0], totals[1]), totals[2], pct(totals[0], totals[2]));
        System.out.printf(Locale.ROOT, "| build | **all** | %,d | %,d | %s | %,d | %s |%n", totals[3], totals[4],
                pct(totals[3], totals[4]), totals[5], pct(totals[3], totals[5]));
    }

    private static void row(String name, Compressor c, Path root, String fixture, TokenCounter tokens,
                            HeadroomConfig config, long[] totals, int at) throws IOException {
        String in = Files.readString(root.resolve(fixture), StandardCharsets.UTF_8);
        int before = tokens.count(in);
        Compressed lossless = c.compress(in, CompressionContext.lossless(config.toBuilder().lossless(true).build()));
        Compressed lossy = c.compress(in, new CompressionContext(config, "", null, tokens,
                new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30)));
        int afterLossless = tokens.count(lossless.output());
        int afterLossy = tokens.count(lossy.output());
        totals[at] += before;
        totals[at + 1] += afterLossless;
        totals[at + 2] += afterLossy;
        System.out.printf(Locale.ROOT, "| %s | `%s` | %,d | %,d | %s | %,d | %s |%n", name, fixture, before,
                afterLossless, pct(before, afterLossless), afterLossy, pct(before, afterLossy));
    }

    private static String pct(long before, long after) {
        return before == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * (before - after) / before);
    }
}
