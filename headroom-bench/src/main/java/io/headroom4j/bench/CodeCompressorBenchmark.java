package io.headroom4j.bench;

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
import io.headroom4j.compress.code.CodeCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * Throughput of the tree-sitter signature view on real source files: first-seen content (parse, query,
 * offload, assemble) and repeated content (hash, cache hit, offload, assemble).
 * MB/s = file size x ops/s; the file sizes are printed by {@link CodeProseReport}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CodeCompressorBenchmark {

    @Param({"blinker_base.py", "semver_range.js", "zod_ZodError.ts", "fatih_color.go", "memchr.rs",
        "jsoup_StringUtil.java", "treesitter_tree_cursor.c", "treesitter_node_tree.cc"})
    public String file;

    private String source;
    private CompressionContext context;
    private final CodeCompressor compressor = new CodeCompressor();

    @Setup
    public void setup() {
        source = Fixtures.read("code/" + file);
        context = new CompressionContext(HeadroomConfig.defaults(), "", null, TokenCounters.o200k(),
                new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30));
        Compressed c = compressor.compress(source, context);
        if (c.lossless()) {
            throw new IllegalStateException(file + " was not compressed: " + c.note());
        }
    }

    private long counter;

    /** Content seen before (the common case: agents resend the conversation each turn): cache hit. */
    @Benchmark
    public Compressed repeated() {
        return compressor.compress(source, context);
    }

    /** Content never seen before: a full tree-sitter parse and query each time. */
    @Benchmark
    public Compressed firstSeen() {
        String unique = source + (file.endsWith(".py") ? "\n# " : "\n// ") + (counter++) + "\n";
        return compressor.compress(unique, context);
    }
}
