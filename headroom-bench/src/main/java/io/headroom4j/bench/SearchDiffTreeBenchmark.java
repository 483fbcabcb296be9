package io.headroom4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.diff.DiffCompressor;
import io.headroom4j.compress.search.SearchResultCompressor;
import io.headroom4j.compress.tree.TreeCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * Throughput of the search, diff and tree compressors on real tool output from the core module's fixtures
 * ({@code grep -rn} over ESLint's rules, {@code git log -p} of a small repository, {@code npm ls --all} of
 * about 870 packages), lossless and lossy. MB/s is ops/s times the input size printed at setup. Run from the
 * repository root with {@code java -cp <bench classpath> org.openjdk.jmh.Main SearchDiffTreeBenchmark};
 * {@code -Dheadroom.fixtures=<dir>} points at another fixtures directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SearchDiffTreeBenchmark {

    /** Which compressor and fixture. */
    @Param({"search", "diff", "tree"})
    public String type;

    /** {@code lossless} (no store) or {@code lossy} (store present, lossy steps allowed). */
    @Param({"lossless", "lossy"})
    public String mode;

    private String input;
    private Compressor compressor;
    private CompressionContext context;

    @Setup
    public void setUp() {
        Path dir = Path.of(System.getProperty("headroom.fixtures", "headroom-core/src/test/resources/fixtures"));
        String file = switch (type) {
            case "search" -> "search/grep-rn-eslint-rules-context.txt";
            case "diff" -> "diff/git-log-p.txt";
            case "tree" -> "tree/npm-ls-all.txt";
            default -> throw new IllegalArgumentException(type);
        };
        compressor = switch (type) {
            case "search" -> new SearchResultCompressor();
            case "diff" -> new DiffCompressor();
            default -> new TreeCompressor();
        };
        try {
            input = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("run from the repository root or set -Dheadroom.fixtures", e);
        }
        HeadroomConfig config = HeadroomConfig.defaults();
        context = mode.equals("lossless") ? CompressionContext.lossless(config)
                : new CompressionContext(config, "error handling", null, TokenCounters.o200k(),
                new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30));
        Compressed once = compressor.compress(input, context);
        System.out.printf("%n%s %s: %,d bytes in, %,d chars out, transform %s%n", type, mode,
                input.getBytes(StandardCharsets.UTF_8).length, once.output().length(), once.transform());
    }

    @Benchmark
    public Compressed compress() {
        return compressor.compress(input, context);
    }
}
