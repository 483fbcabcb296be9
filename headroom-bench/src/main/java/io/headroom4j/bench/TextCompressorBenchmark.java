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
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.text.HtmlCompressor;
import io.headroom4j.compress.text.TextCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * Throughput of the prose compressor (BM25 path, with a query) and the HTML compressor on real documents.
 * MB/s = file size x ops/s; the file sizes are printed by {@link CodeProseReport}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TextCompressorBenchmark {

    @Param({"prose/semver_README.md", "prose/charset_normalizer_README.md", "prose/apache_LICENSE-2.0.txt",
        "html/rustdoc_what-is-rustdoc.html", "html/rustdoc_documentation-tests.html"})
    public String file;

    private String text;
    private CompressionContext context;
    private Compressor compressor;

    @Setup
    public void setup() {
        text = Fixtures.read(file);
        compressor = file.endsWith(".html") ? new HtmlCompressor() : new TextCompressor();
        context = new CompressionContext(HeadroomConfig.defaults(), CodeProseReport.QUERIES.get(file), null,
                TokenCounters.o200k(), new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30));
        Compressed c = compressor.compress(text, context);
        if (c.lossless()) {
            throw new IllegalStateException(file + " was not compressed: " + c.note());
        }
    }

    @Benchmark
    public Compressed compress() {
        return compressor.compress(text, context);
    }
}
