package io.headroom4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.build.BuildOutputCompressor;
import io.headroom4j.compress.log.LogCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * Input megabytes per CPU-second of the calling thread for the log and build compressors: a companion to
 * {@link LogCompressorBenchmark} for shared machines, where wall-clock throughput mostly measures the other
 * processes. Same inputs (fixtures repeated to about 8 MB); ten warm-up calls, then the median of ten.
 * Run like {@link LogBuildTokenReport}.
 */
public final class LogCompressorCpuThroughput {

    private LogCompressorCpuThroughput() {
    }

    /** Entry point; the optional argument is the fixtures directory. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "headroom-core/src/test/resources/fixtures");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        HeadroomConfig config = HeadroomConfig.defaults();
        for (String fixture : List.of("log/app.log", "log/access.log", "build/maven-test-failure-ansi-progress.txt")) {
            String one = Files.readString(root.resolve(fixture), StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder(8 << 20);
            while (sb.length() < 8 << 20) {
                sb.append(one);
            }
            String input = sb.toString();
            double mb = input.getBytes(StandardCharsets.UTF_8).length / 1e6;
            CompressionContext lossy = new CompressionContext(config, "", null, TokenCounters.o200k(),
                    new InMemoryCompressionStore(Duration.ofHours(1), 1L << 31));
            CompressionContext lossless = CompressionContext.lossless(config.toBuilder().lossless(true).build());
            run("log lossy", new LogCompressor(), input, lossy, mb, fixture, mx);
            run("log lossless", new LogCompressor(), input, lossless, mb, fixture, mx);
            run("build lossy", new BuildOutputCompressor(), input, lossy, mb, fixture, mx);
        }
    }

    private static void run(String name, Compressor c, String input, CompressionContext ctx, double mb,
                            String fixture, ThreadMXBean mx) {
        for (int i = 0; i < 10; i++) {
            c.compress(input, ctx);
        }
        double[] rates = new double[10];
        for (int i = 0; i < rates.length; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            c.compress(input, ctx);
            long t1 = mx.getCurrentThreadCpuTime();
            rates[i] = mb / ((t1 - t0) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "| %s | `%s` | %.1f MB | %.0f MB/s |%n", name, fixture, mb,
                (rates[4] + rates[5]) / 2);
    }
}
