package io.headroom4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.build.BuildOutputCompressor;
import io.headroom4j.compress.log.LogCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * Throughput of the log and build-output compressors on one core, in bytes of input per second.
 *
 * <p>One core means one benchmark thread and a JVM that sees one processor
 * ({@code -XX:ActiveProcessorCount=1}: one GC thread, so garbage collection is paid on that core too, not
 * hidden on a second one).
 *
 * <p>Inputs are the committed fixtures of headroom-core ({@code fixtures/log/app.log}, {@code access.log},
 * and Maven's download log with progress bars), repeated to about 8 MB so a call is long enough to time
 * and the per-call setup does not dominate. The score is in operations per second; multiply by
 * {@code inputBytes} (printed at setup) for bytes per second. Run from the repository root:
 * <pre>{@code
 * ./mvnw -q -pl headroom-bench -am package -DskipTests
 * java -cp "headroom-bench/target/classes:headroom-core/target/classes:$(cat /tmp/bench.cp)" \
 *     org.openjdk.jmh.Main LogCompressorBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-XX:ActiveProcessorCount=1"})
@Threads(1)
public class LogCompressorBenchmark {

    /** Which fixture to repeat. */
    @Param({"log/app.log", "log/access.log", "build/maven-test-failure-ansi-progress.txt"})
    public String fixture;

    private String input;
    private CompressionContext lossy;
    private CompressionContext lossless;
    private final LogCompressor logs = new LogCompressor();
    private final BuildOutputCompressor builds = new BuildOutputCompressor();

    /** Loads and repeats the fixture; builds contexts with a store big enough to never evict during a run. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path root = Path.of(System.getProperty("headroom.fixtures", "headroom-core/src/test/resources/fixtures"));
        String one = Files.readString(root.resolve(fixture), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(8 << 20);
        while (sb.length() < 8 << 20) {
            sb.append(one);
        }
        input = sb.toString();
        HeadroomConfig config = HeadroomConfig.defaults();
        lossy = new CompressionContext(config, "", null, TokenCounters.o200k(),
                new InMemoryCompressionStore(Duration.ofHours(1), 1L << 31));
        lossless = CompressionContext.lossless(config.toBuilder().lossless(true).build());
        System.out.println("inputBytes=" + input.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Lossy log compression: classification, Drain templates, folding, offloading to the store. */
    @Benchmark
    public Compressed logLossy() {
        return logs.compress(input, lossy);
    }

    /** Lossless log compression: repeat folding only. */
    @Benchmark
    public Compressed logLossless() {
        return logs.compress(input, lossless);
    }

    /** Lossy build-output compression on the same input. */
    @Benchmark
    public Compressed buildLossy() {
        return builds.compress(input, lossy);
    }
}
