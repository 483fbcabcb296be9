package io.headroom4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.headroom4j.CompressionResult;
import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Markers;
import io.headroom4j.store.CompressionMemo;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.store.SqliteCompressionStore;

/**
 * CPU time of the compression memo, per piece and per request, measured on the calling thread so a
 * loaded machine does not inflate it. Per piece: a recall from memory, a recall from the SQLite file
 * (first request after a restart) and a remember. Per request: the fifth turn of an agent conversation
 * over four real JSON tool outputs (about 150K tokens of history, four compressed pieces), sent again
 * by a warm process over the in-memory store and over the SQLite store, and sent by a freshly started
 * process whose memo is only in the SQLite file (against one with nothing to read, which compresses every
 * piece again with the newest question). A fresh process also counts every token of the history once,
 * which dominates its time.
 *
 * <p>Run from the repository root: {@code java -cp headroom-bench/target/benchmarks.jar
 * io.headroom4j.bench.MemoCpuCost [seconds per case, default 3]}.
 */
public final class MemoCpuCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MemoCpuCost() {
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Path dir = Files.createTempDirectory("memo-cost");
        try {
            perPiece(dir, seconds);
            perRequest(dir, seconds);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void perPiece(Path dir, double seconds) {
        System.out.println("| memo operation, 4 KB output with one marker | µs CPU per call |");
        System.out.println("|---|---:|");
        try (SqliteCompressionStore store = SqliteCompressionStore.open(dir.resolve("piece.db"),
                Duration.ofHours(24))) {
            String original = "2026-03-12T14:02:11 INFO GET /api/v2/orders/80000 200 12ms\n".repeat(700);
            String key = store.put(original, "bench");
            Compressed value = Compressed.lossy(original.substring(0, 4096) + Markers.omitted("lines 70-700", key),
                    "log.templates", List.of(key), "kept 69 of 700 lines");
            String memoKey = CompressionStore.keyOf(original);
            store.memo().remember(memoKey, value);
            CompressionMemo memory = CompressionMemo.inMemory(Duration.ofHours(24), 256L << 20, store,
                    InstantSource.system());
            memory.remember(memoKey, value);
            long[] n = {0};
            row("recall from memory (repeated piece)", seconds, () -> memory.recall(memoKey));
            row("recall from SQLite (first request after a restart)", seconds, () -> store.memo().recall(memoKey));
            row("remember in SQLite (newly compressed piece)", seconds,
                    () -> store.memo().remember(memoKey + (n[0]++), value));
        }
    }

    private static void perRequest(Path dir, double seconds) throws IOException {
        List<String> outputs = List.of(Fixtures.read("json/github-issues-100.json"),
                Fixtures.read("json/npm-search-100.json"), Fixtures.read("json/search-results-200.json"),
                Fixtures.read("json/kubectl-pods-60.json"));
        List<String> questions = List.of("which issues mention memory leaks?", "find packages for date parsing",
                "what do the search results say about retries?", "which pods are crash looping?");
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            addTurn(messages, questions.get(i), outputs.get(i), i);
        }
        messages.add("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}]}");
        messages.add("{\"role\":\"user\",\"content\":\"summarise what you found\"}");
        byte[] body = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"messages\":["
                + String.join(",", messages) + "]}").getBytes(StandardCharsets.UTF_8);
        // The pieces as the conversation compressed them turn by turn (token mode: every turn compressed).
        HeadroomConfig config = HeadroomConfig.builder().workspaceDir(dir.resolve("ws"))
                .mode(io.headroom4j.Mode.TOKEN).build();

        System.out.println();
        System.out.println("| request: turn 5 of 5, " + body.length / 1024 + " KB, 4 remembered pieces | ms CPU per "
                + "request | tokens sent |");
        System.out.println("|---|---:|---:|");
        Headroom memory = Headroom.create(config, new InMemoryCompressionStore(Duration.ofHours(24), 1L << 30));
        row2("warm process, in-memory store", seconds, () -> memory.compress(body, null));
        InMemoryCompressionStore fresh = new InMemoryCompressionStore(Duration.ofHours(24), 1L << 30);
        row2("freshly started process, no memo to read (compresses all 4 again)", seconds,
                () -> Headroom.create(config, fresh).compress(body, null));
        try (SqliteCompressionStore store = SqliteCompressionStore.open(dir.resolve("ws/store.db"),
                Duration.ofHours(24))) {
            Headroom sqlite = Headroom.create(config, store);
            row2("warm process, SQLite store", seconds, () -> sqlite.compress(body, null));
            row2("freshly started process, SQLite memo", seconds,
                    () -> Headroom.create(config, store).compress(body, null));
        }
    }

    private static void addTurn(List<String> messages, String question, String output, int i) throws IOException {
        if (!messages.isEmpty()) {
            messages.add("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}]}");
        }
        messages.add("{\"role\":\"user\",\"content\":" + MAPPER.writeValueAsString(question) + "}");
        messages.add("{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t" + i
                + "\",\"name\":\"Bash\",\"input\":{\"command\":\"cat out.json\"}}]}");
        messages.add("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t" + i
                + "\",\"content\":" + MAPPER.writeValueAsString(output) + "}]}");
    }

    private static double cpuMicros(double seconds, Supplier<?> op) {
        for (int i = 0; i < 200; i++) {
            op.get();
        }
        long budget = (long) (seconds * 1e9);
        long start = THREADS.getCurrentThreadCpuTime();
        long n = 0;
        while (THREADS.getCurrentThreadCpuTime() - start < budget) {
            op.get();
            n++;
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / n;
    }

    private static void row(String label, double seconds, Supplier<?> op) {
        System.out.printf(Locale.ROOT, "| %s | %.1f |%n", label, cpuMicros(seconds, op));
    }

    private static void row2(String label, double seconds, Supplier<CompressionResult> op) {
        double micros = cpuMicros(seconds, op);
        CompressionResult r = op.get();   // after the warm-up, so a cold first call's time budget is not shown
        System.out.printf(Locale.ROOT, "| %s | %.2f | %,d of %,d |%n", label, micros / 1000,
                r.tokensAfter(), r.tokensBefore());
    }
}
