package io.headroom4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Markers;
import io.headroom4j.store.CompressionMemo;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.store.SqliteCompressionStore;

/**
 * Latency of the CCR stores: storing a new original, storing one already present (a TTL refresh), getting
 * one back, a BM25-filtered retrieval over a 10,000-line log, and the compression memo: recalling what a
 * piece was compressed to from memory (every repeated piece of every request) and from the SQLite file
 * (the first request after a restart), and remembering a new one. Run with
 * {@code java -jar headroom-bench/target/benchmarks.jar StoreBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBenchmark {

    /** Size of each stored original in bytes. */
    @Param({"4096", "65536"})
    public int size;

    private Path dir;
    private SqliteCompressionStore sqlite;
    private InMemoryCompressionStore memory;
    private String base;
    private String existingKey;
    private String logKey;
    private long counter;
    private CompressionMemo memoInMemory;
    private Compressed memoValue;
    private String memoKey;

    /** Opens both stores and stores the originals the read benchmarks fetch. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("store-bench");
        sqlite = SqliteCompressionStore.open(dir.resolve("store.db"), Duration.ofHours(24));
        memory = new InMemoryCompressionStore(Duration.ofHours(24), 256L << 20);
        StringBuilder sb = new StringBuilder(size);
        int i = 0;
        while (sb.length() < size) {
            sb.append("2026-03-12T14:02:").append(i % 60)
                    .append(" INFO c.a.orders.web.RequestLoggingFilter : GET /api/v2/orders/")
                    .append(80000 + i).append(" 200 ").append(i % 37).append("ms\n");
            i++;
        }
        base = sb.substring(0, size);
        existingKey = sqlite.put(base, "bench");
        memory.put(base, "bench");
        StringBuilder log = new StringBuilder();
        for (int j = 0; j < 10_000; j++) {
            log.append("2026-03-12T14:02:11Z ").append(j % 97 == 0 ? "ERROR" : "INFO").append(" request ").append(j)
                    .append(j % 97 == 0 ? " failed: upstream timed out after 30000ms" : " ok in 12ms").append('\n');
        }
        logKey = sqlite.put(log.toString(), "bench");
        // A compressed piece a tenth of the original's size, with one marker, as the memo holds them.
        memoValue = Compressed.lossy(base.substring(0, size / 10) + Markers.omitted("lines 2-90", existingKey),
                "log.templates", List.of(existingKey), "kept 1 of 90 lines");
        memoKey = CompressionStore.keyOf(base);
        sqlite.memo().remember(memoKey, memoValue);
        memoInMemory = CompressionMemo.inMemory(Duration.ofHours(24), 256L << 20, sqlite, InstantSource.system());
        memoInMemory.remember(memoKey, memoValue);
    }

    /** Closes the stores and deletes the database. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        sqlite.close();
        memory.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Stores a new original (hash, encode, insert) in SQLite. */
    @Benchmark
    public String sqlitePutNew() {
        return sqlite.put(counter++ + base, "bench");
    }

    /** Stores an original that is already present: the TTL refresh path. */
    @Benchmark
    public String sqlitePutExisting() {
        return sqlite.put(base, "bench");
    }

    /** Gets an original back from SQLite (select, decode, retrieval count update). */
    @Benchmark
    public Object sqliteGet() {
        return sqlite.get(existingKey);
    }

    /** Filters a stored 10,000-line log by a query with BM25. */
    @Benchmark
    public Object sqliteRetrieveWithQuery() {
        return sqlite.retrieve(logKey, "upstream timed out");
    }

    /** Recalls a compressed piece from the in-memory memo: what every repeated piece of a request costs. */
    @Benchmark
    public Object memoRecallInMemory() {
        return memoInMemory.recall(memoKey);
    }

    /**
     * Recalls a compressed piece from the SQLite memo (select, UTF-8 decode, digest check, renewal of its
     * original and of the row): what a piece costs in the first request after a restart.
     */
    @Benchmark
    public Object memoRecallSqlite() {
        return sqlite.memo().recall(memoKey);
    }

    /** Remembers a newly compressed piece in the SQLite memo. */
    @Benchmark
    public Object memoRememberSqlite() {
        return sqlite.memo().remember(counter++ + memoKey, memoValue);
    }

    /** Stores a new original in memory. */
    @Benchmark
    public String memoryPutNew() {
        return memory.put(counter++ + base, "bench");
    }

    /** Gets an original back from memory. */
    @Benchmark
    public Object memoryGet() {
        return memory.get(existingKey);
    }
}
