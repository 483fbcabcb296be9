package io.headroom4j.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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

import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounterVariants;

/**
 * Time to count the tokens of one fixture, jtokkit's {@code countTokensOrdinary} against Headroom4j's counters
 * ({@link TokenCounterVariants} names them). MB/s is the fixture's UTF-8 size over the time per call. Run from the
 * repository root:
 * <pre>{@code
 * java -jar headroom-bench/target/benchmarks.jar TokenCounterBenchmark -wi 2 -w 2 -i 3 -r 2 -f 1
 * }</pre>
 * On a shared machine prefer {@link TokenCounterCpuThroughput}, which reports MB/s of CPU time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:ActiveProcessorCount=1"})
@Threads(1)
public class TokenCounterBenchmark {

    /** The fixture counted, relative to headroom-core's test fixtures. */
    @Param({"log/app.log", "log/access.log", "json/github-issues-100.json", "code/jsoup_StringUtil.java",
        "prose/apache_LICENSE-2.0.txt"})
    public String fixture;

    /** The counter, a {@link TokenCounterVariants} name. */
    @Param({"jtokkit-o200k", "o200k", "o200k-cold", "jtokkit-cl100k", "cl100k-jtparser", "cl100k", "cl100k-cold"})
    public String counter;

    private String text;
    private Supplier<TokenCounter> counters;

    /** Reads the fixture and picks the counter. */
    @Setup(Level.Trial)
    public void setUp() {
        text = Fixtures.read(fixture);
        counters = TokenCounterVariants.of(counter);
        System.out.println("inputBytes=" + text.getBytes(StandardCharsets.UTF_8).length);
    }

    /** One full count of the fixture. */
    @Benchmark
    public int count() {
        return counters.get().count(text);
    }
}
