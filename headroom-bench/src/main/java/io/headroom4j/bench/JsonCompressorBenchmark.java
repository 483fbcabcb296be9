package io.headroom4j.bench;

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
import org.openjdk.jmh.annotations.Warmup;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.json.JsonTableCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * Time to compress JSON tool output with {@link JsonTableCompressor}: a 10K-token and a 100K-token
 * search-result array and 1,000 rows of a SQLite query, lossless (no store) and lossy (with a store).
 * {@code countTokens} is the cost of one exact o200k count of the same input, for scale.
 *
 * <p>Run: {@code java -jar headroom-bench/target/benchmarks.jar JsonCompressorBenchmark.compress}. The defaults
 * warm up for 8 s and use two forks because C2 still recompiles the reader and encoder 4-8 s after start
 * (docs/BENCHMARKS.md, session 5 h-json6): a shorter warm-up measures the compiler, not the compressor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class JsonCompressorBenchmark {

    @Param({"search10k", "search100k", "db1000"})
    public String input;

    @Param({"lossless", "lossy"})
    public String mode;

    private String content;
    private CompressionContext context;
    private final JsonTableCompressor compressor = new JsonTableCompressor();

    @Setup(Level.Trial)
    public void setUp() {
        content = switch (input) {
            case "search10k" -> JsonCorpus.searchResultsOfTokens(10_000, 11);
            case "search100k" -> JsonCorpus.searchResultsOfTokens(100_000, 12);
            case "db1000" -> JsonCorpus.databaseRows(1_000, 13);
            default -> throw new IllegalArgumentException(input);
        };
        HeadroomConfig config = HeadroomConfig.defaults();
        context = mode.equals("lossy")
                ? new CompressionContext(config, "", null, TokenCounters.o200k(),
                        new InMemoryCompressionStore(Duration.ofHours(1), 256L << 20))
                : new CompressionContext(config, "", null, TokenCounters.o200k(), null);
        Compressed c = compressor.compress(content, context);
        System.out.printf("%n%s/%s: %,d chars, %,d tokens -> %s %,d chars (%s)%n", input, mode, content.length(),
                TokenCounters.o200k().count(content), c.transform(), c.output().length(), c.note());
    }

    @Benchmark
    public Compressed compress() {
        return compressor.compress(content, context);
    }

    @Benchmark
    public int countTokens() {
        return TokenCounters.o200k().count(content);
    }
}
