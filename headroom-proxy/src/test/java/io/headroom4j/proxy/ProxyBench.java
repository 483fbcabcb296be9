package io.headroom4j.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.store.CompressionStore;

/**
 * A runnable harness (not a unit test) that measures what the proxy adds: latency against calling the fake
 * provider directly, at 1 and 64 concurrent streams, and a throughput/memory soak at 64 concurrent streams
 * that checks every stream arrives complete and in order.
 *
 * <p>{@code latency} and {@code soak} run proxy, fake provider and clients in one JVM, closed loop, with a
 * provider that answers at once: at 64 streams every request waits for CPU, so they measure saturation.
 * {@code paced} runs the proxy in its own JVM ({@link ProxyBenchServer}, set up as {@code headroom proxy}:
 * SQLite store and ledger) in front of a provider that streams like a real one (a first-event delay, then a
 * gap between events), so 64 concurrent streams are mostly waiting, as in real use.
 *
 * <pre>
 *   java -cp &lt;test classpath&gt; io.headroom4j.proxy.ProxyBench latency
 *   java -cp &lt;test classpath&gt; io.headroom4j.proxy.ProxyBench soak 600          # seconds
 *   java -cp &lt;test classpath&gt; io.headroom4j.proxy.ProxyBench paced [100 20]     # first-event delay, gap (ms)
 *   java -cp &lt;test classpath&gt; io.headroom4j.proxy.ProxyBench oncpu [5]          # rounds
 *   java -cp &lt;test classpath&gt; io.headroom4j.proxy.ProxyBench first [3]          # fresh proxy JVMs
 * </pre>
 */
public final class ProxyBench {

    /** Makes every "new each time" request unique across the whole run, direct and proxied runs included. */
    private static final AtomicLong SALT = new AtomicLong();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private ProxyBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "latency";
        if (mode.equals("oncpu")) {
            System.out.println(machine());
            onPathCpu(args.length > 1 ? Integer.parseInt(args[1]) : 5);
            return;
        }
        if (mode.equals("first")) {
            System.out.println(machine());
            firstRequests(args.length > 1 ? Integer.parseInt(args[1]) : 3);
            return;
        }
        if (mode.equals("paced")) {
            System.out.println(machine());
            paced(args.length > 1 ? Integer.parseInt(args[1]) : 100, args.length > 2 ? Integer.parseInt(args[2]) : 20);
            return;
        }
        System.out.println(machine());
        try (FakeUpstream up = new FakeUpstream()) {
            up.recording = false;
            CompressionStore store = TestProxies.store();
            HeadroomConfig config = HeadroomConfig.builder().compressionTimeout(Duration.ofSeconds(10)).build();
            // The same set-up as `headroom proxy`: its own Headroom, token counts of new text after sending.
            HeadroomProxy proxy = TestProxies.start(up, config, store, null);
            String stream = streamOf(40);
            up.always((req, ex) -> FakeUpstream.sse(Map.of(), FakeUpstream.chunks(stream.split("(?<=\n\n)")))
                    .respond(req, ex));
            try {
                if (mode.equals("probe")) {
                    probe(proxy);
                } else if (mode.equals("soak")) {
                    soak(up, proxy, stream, args.length > 1 ? Integer.parseInt(args[1]) : 60);
                } else {
                    latency(up, proxy);
                }
            } finally {
                proxy.close();
            }
        }
    }

    /** The concurrencies the paced rows run at: {@code -Dbench.streams=1,64} (the default), or e.g. only 1. */
    static int[] streams() {
        return Arrays.stream(System.getProperty("bench.streams", "1,64").split(","))
                .mapToInt(v -> Integer.parseInt(v.trim())).toArray();
    }

    static String machine() {
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cpus, java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB, load average " + loadAverage();
    }

    /**
     * Paced streams through a proxy in its own JVM: the provider waits {@code firstMs} before its first event
     * and {@code gapMs} between events (44 events: about {@code firstMs + 43 * gapMs} per stream). Prints
     * added time to first byte and to the end of the stream, and the proxy process's CPU per request.
     */
    static void paced(int firstMs, int gapMs) throws Exception {
        String stream = streamOf(40);
        List<byte[]> events = FakeUpstream.chunks(stream.split("(?<=\n\n)"));
        Duration first = Duration.ofMillis(firstMs);
        Duration gap = Duration.ofMillis(gapMs);
        long streamNanos = first.plus(gap.multipliedBy(events.size() - 1)).toNanos();
        try (FakeUpstream up = new FakeUpstream()) {
            up.recording = false;
            // Warm-up requests carry x-bench-pace: none and are answered at once.
            up.always((req, ex) -> (req.headers().containsKey("x-bench-pace")
                    ? FakeUpstream.sse(Map.of(), events) : FakeUpstream.paced(events, first, gap)).respond(req, ex));
            try (ProxyProcess server = ProxyProcess.start(up.url())) {
                String proxied = server.url;
                LongSupplier proxyCpu = server::cpuMillis;
                String small = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"hello\"}]}";
                String big = request(100_000, "fixed");
                System.out.printf(Locale.ROOT, "proxy in its own JVM (pid %d, SQLite store and ledger in a temporary"
                        + " workspace); provider: first event after %d ms, then one event every %d ms (%d events,"
                        + " %.0f ms per stream)%n", server.pid(), firstMs, gapMs, events.size(), streamNanos / 1e6);
                Map<String, String> fast = Map.of("x-bench-pace", "none");
                runBoth(up.url(), small, 1, 300, false, 0, fast);
                runBoth(proxied, small, 1, 500, false, 0, fast);
                runBoth(proxied, big, 1, 30, false, 0, fast);
                runBoth(proxied, big, 1, 60, true, 0, fast);
                // How long the proxy's JIT warms up before the rows: -Dbench.warmNew=1500 reaches its steady state
                // for this log (BENCHMARKS.md, session 9); -Dbench.warmTokens=N warms with N-token logs instead.
                int warmTokens = Integer.getInteger("bench.warmTokens", 0);
                runBoth(proxied, warmTokens > 0 ? request(warmTokens, "warm") : big, 4,
                        Integer.getInteger("bench.warmNew", 60), true, 0, fast);
                System.out.println("| request | streams | measure | direct p50 / p99 ms | via proxy p50 / p99 ms |"
                        + " added p50 / p99 ms | proxy process CPU ms per request | x-headroom-overhead-ms p50 |");
                System.out.println("|---|---|---|---|---|---|---|---|");
                String rows = System.getProperty("bench.rows", "small,seen,new");
                for (int c : streams()) {
                    int n = Integer.getInteger("bench.pacedRequests", c == 1 ? 30 : 64 * 4);
                    long stagger = c == 1 ? 0 : streamNanos;
                    if (rows.contains("small")) {
                        pacedRow("small, nothing to compress", up.url(), proxied, small, c, n, false, stagger,
                                proxyCpu);
                    }
                    if (rows.contains("seen")) {
                        pacedRow("100K tokens, seen before", up.url(), proxied, big, c, n, false, stagger, proxyCpu);
                    }
                    if (rows.contains("new")) {
                        pacedRow("100K tokens, new each time", up.url(), proxied, big, c, n, true, stagger, proxyCpu);
                    }
                }
                System.out.println("load average at the end: " + loadAverage());
            }
        }
    }

    /**
     * The first new 100K-token requests after a proxy starts, as a user's first requests meet it: each round
     * starts a fresh proxy JVM ({@link ProxyBenchServer}, set up as {@code headroom proxy}), waits
     * {@code -Dbench.firstDelayMs} (default 1000) after it listens, then sends 10 new 100K-token requests one
     * after the other to a provider that answers after 100 ms (as {@code paced}). Prints per round the added
     * first-byte time of request 1 and the p50 of requests 2-10 (against the same requests sent directly, the
     * bench's own client warmed up first), the proxy's {@code x-headroom-overhead-ms}, and the proxy process's CPU
     * time at listening, before the first request and after the tenth. Extra proxy JVM options (e.g. the warm-up
     * switch) go in {@code -Dbench.proxyJvmArgs}.
     */
    static void firstRequests(int rounds) throws Exception {
        String stream = streamOf(40);
        List<byte[]> events = FakeUpstream.chunks(stream.split("(?<=\n\n)"));
        long delayMs = Long.getLong("bench.firstDelayMs", 1000);
        try (FakeUpstream up = new FakeUpstream()) {
            up.recording = false;
            up.always((req, ex) -> (req.headers().containsKey("x-bench-pace")
                    ? FakeUpstream.sse(Map.of(), events)
                    : FakeUpstream.paced(events, Duration.ofMillis(100), Duration.ofMillis(20))).respond(req, ex));
            String big = request(100_000, "fixed");
            // The bench's own client and the provider warm up first: only the proxy is cold below.
            runBoth(up.url(), big, 1, 200, true, 0, Map.of("x-bench-pace", "none"));
            long[] direct = runBoth(up.url(), big, 1, 10, true, 0, Map.of())[0];
            double directP50 = ms(pct(direct, 50));
            System.out.printf(Locale.ROOT, "direct first byte p50 %.2f ms; proxy started, first request %d ms after it"
                    + " listens%n", directP50, delayMs);
            System.out.println("| round | added ms, request 1 | added ms, requests 2-10 p50 / max | overhead-ms 1 |"
                    + " overhead-ms 2-10 p50 | proxy CPU ms at listening / before 1st / after 10th | load |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (int round = 0; round < rounds; round++) {
                try (ProxyProcess server = ProxyProcess.start(up.url())) {
                    String proxied = server.url;
                    LongSupplier proxyCpu = server::cpuMillis;
                    long cpuListening = proxyCpu.getAsLong();
                    Thread.sleep(delayMs);
                    long cpuBefore = proxyCpu.getAsLong();
                    long[] firstByte = new long[10];
                    long[] overhead = new long[10];
                    for (int i = 0; i < 10; i++) {
                        long[][] r = runBoth(proxied, big, 1, 1, true, 0, Map.of());
                        firstByte[i] = r[0][0];
                        overhead[i] = r[2][0];
                    }
                    long cpuAfter = proxyCpu.getAsLong();
                    long[] rest = Arrays.copyOfRange(firstByte, 1, 10);
                    long[] restOver = Arrays.copyOfRange(overhead, 1, 10);
                    Arrays.sort(rest);
                    Arrays.sort(restOver);
                    System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f / %.1f | %.1f | %.1f | %d / %d / %d | %s |%n",
                            round, ms(firstByte[0]) - directP50, ms(pct(rest, 50)) - directP50,
                            ms(rest[rest.length - 1]) - directP50, ms(overhead[0]), ms(pct(restOver, 50)),
                            cpuListening, cpuBefore, cpuAfter, loadAverage());
                }
            }
        }
    }

    /**
     * The proxy in its own JVM ({@link ProxyBenchServer}) in front of {@code upstream}; extra options for that JVM
     * come from {@code -Dbench.proxyJvmArgs}, e.g. {@code -XX:StartFlightRecording=filename=p.jfr}.
     */
    static final class ProxyProcess implements AutoCloseable {
        final String url;
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter control;

        private ProxyProcess(Process process, BufferedReader out, PrintWriter control, String url) {
            this.process = process;
            this.out = out;
            this.control = control;
            this.url = url;
        }

        static ProxyProcess start(String upstream) throws IOException {
            String javaBin = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(javaBin, "--enable-native-access=ALL-UNNAMED", "-Xmx1g"));
            String extra = System.getProperty("bench.proxyJvmArgs", "").trim();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("[\\s|]+")));   // "|" separates options in JAVA_TOOL_OPTIONS
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProxyBenchServer.class.getName(),
                    upstream));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = process.inputReader(StandardCharsets.UTF_8);
            PrintWriter control = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
            String line = out.readLine();
            while (line != null && !line.startsWith("port ")) {
                line = out.readLine();   // whatever the JVM itself prints first (JFR, warnings)
            }
            if (line == null) {
                process.destroy();
                throw new IllegalStateException("the proxy process did not start");
            }
            return new ProxyProcess(process, out, control, "http://127.0.0.1:" + line.substring(5).trim());
        }

        /** The proxy process's CPU time so far, in milliseconds. */
        long cpuMillis() {
            control.println("cpu");
            try {
                String answer = out.readLine();
                while (answer != null && !answer.startsWith("cpu-ms ")) {
                    answer = out.readLine();
                }
                if (answer == null) {
                    throw new IllegalStateException("the proxy process ended");
                }
                return Long.parseLong(answer.substring("cpu-ms ".length()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws InterruptedException {
            control.close();   // the server exits when its input ends: its store closes, JVM exit actions run
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static void pacedRow(String label, String direct, String proxied, String body, int concurrency, int requests,
                         boolean unique, long stagger, LongSupplier proxyCpu) throws Exception {
        long[][] d = runBoth(direct, body, concurrency, requests, unique, stagger, Map.of());
        long cpu0 = proxyCpu.getAsLong();
        long[][] p = runBoth(proxied, body, concurrency, requests, unique, stagger, Map.of());
        Thread.sleep(200);   // counts owed after the last responses finish on the proxy's side
        double cpu = (double) (proxyCpu.getAsLong() - cpu0) / requests;
        String[] what = {"first byte", "whole stream"};
        for (int k = 0; k < 2; k++) {
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %s | %s |%n",
                    label, concurrency, what[k], ms(pct(d[k], 50)), ms(pct(d[k], 99)), ms(pct(p[k], 50)),
                    ms(pct(p[k], 99)), ms(pct(p[k], 50) - pct(d[k], 50)), ms(pct(p[k], 99) - pct(d[k], 99)),
                    k == 1 ? "" : String.format(Locale.ROOT, "%.2f", cpu),
                    k == 1 ? "" : String.format(Locale.ROOT, "%.3f", ms(pct(p[2], 50))));
        }
    }

    static String streamOf(int textEvents) {
        StringBuilder sb = new StringBuilder(Streams.messageStart("msg_bench"));
        sb.append(Streams.anthropicEvent("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (int i = 0; i < textEvents; i++) {
            sb.append(Streams.anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"event " + i + " — ✓ some streamed words\"}}"));
        }
        sb.append(Streams.anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        sb.append(Streams.messageEnd("end_turn", textEvents * 5));
        return sb.toString();
    }

    /** A request with about {@code tokens} tokens of tool output (a realistic log), unique per {@code salt}. */
    static String request(int tokens, String salt) {
        StringBuilder log = new StringBuilder();
        int i = 0;
        while (log.length() < tokens * 24L / 10) {   // logs run about 2.4 characters per o200k token
            log.append("2026-11-24T06:").append(i % 60).append(':').append(i % 59).append(" INFO http GET /api/v2/items/")
                    .append(i * 31 % 100_000).append(" status=200 dur=").append(i % 97).append("ms req=")
                    .append(salt).append('-').append(i).append('\n');
            i++;
        }
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"system\":\"You are an SRE.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"what failed?\"},{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{\"command\":\"cat app.log\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":"
                + TestProxies.quoted(log.toString()) + "}]}]}";
    }

    static void latency(FakeUpstream up, HeadroomProxy proxy) throws Exception {
        String small = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hello\"}]}";
        String big = request(100_000, "fixed");
        System.out.println("100K request: " + big.length() / 1024 + " KiB, "
                + io.headroom4j.token.TokenCounters.o200k().count(big) + " o200k tokens");
        // Warm-up: JIT, connection pools, tokenizers.
        run(up.url(), small, 1, 300, false);
        run(proxy.uri().toString(), small, 1, 300, false);
        run(proxy.uri().toString(), big, 1, 20, false);
        System.out.println("| request | concurrency | measure | direct p50 / p99 ms | via proxy p50 / p99 ms |"
                + " added p50 / p99 ms | CPU ms per request direct / via proxy / added |");
        System.out.println("|---|---|---|---|---|---|---|");
        // -Dbench.rows=small,seen,new picks rows (all by default).
        String rows = System.getProperty("bench.rows", "small,seen,new");
        for (int c : new int[] {1, 64}) {
            if (rows.contains("small")) {
                compare("small, nothing to compress", up.url(), proxy.uri().toString(), small, c,
                        c == 1 ? 1000 : 64 * 30, false);
            }
            if (rows.contains("seen")) {
                compare("100K tokens, seen before", up.url(), proxy.uri().toString(), big, c, c == 1 ? 60 : 64 * 2,
                        false);
            }
            if (rows.contains("new")) {
                compare("100K tokens, new each time", up.url(), proxy.uri().toString(), big, c, c == 1 ? 20 : 64,
                        true);
            }
        }
        System.out.println("proxy's own compression time (ms): "
                + TestProxies.JSON.readTree(proxy.statsJson()).path("compression"));
        System.out.println("load average at the end: " + loadAverage());
    }

    /**
     * On-path CPU of a 100K-token request with new content: thread CPU time of
     * {@code Headroom.compressDeferringCounts} as the proxy calls it (its own Headroom, retrieve tool excluded,
     * in-memory store), p50 of 200 unique requests after 100 of warm-up, per round. Also prints a SHA-256 over
     * the compressed bodies of 20 fixed requests, so a speed change can show its output bytes are unchanged.
     */
    static void onPathCpu(int rounds) throws Exception {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        HeadroomConfig config = HeadroomConfig.builder().excludedTools(java.util.Set.of(io.headroom4j.message.RetrieveTool.NAME)).build();
        // -Dbench.oncpuStore=memory (default) | sqlite (the workspace store, written on the path) | sqlite-behind
        // (the same file written by the proxy's WriteBehindStore, as `headroom proxy` does since session 6)
        String kind = System.getProperty("bench.oncpuStore", "memory");
        CompressionStore store = kind.equals("memory") ? TestProxies.store()
                : io.headroom4j.store.SqliteCompressionStore.open(Files.createTempDirectory("headroom-oncpu")
                .resolve("store.db"), Duration.ofHours(1));
        if (kind.equals("sqlite-behind")) {
            store = new WriteBehindStore(store);
        }
        // -Dbench.oncpuHandOff=none (default: compress on this thread) | park (a pool thread compresses, this one
        // waits, as the proxy did until session 7) | help (this one helps while it waits, as the proxy does now);
        // with a pool, "on-path CPU" is the compressing pool thread's and "wall" includes the hand-off.
        String handOff = System.getProperty("bench.oncpuHandOff", "none");
        java.util.concurrent.ExecutorService pool = handOff.equals("none") ? null
                : java.util.concurrent.Executors.newFixedThreadPool(2);
        System.out.println("store: " + kind + ", hand-off: " + handOff);
        io.headroom4j.Headroom headroom = io.headroom4j.Headroom.create(config, store);
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 20; i++) {
            byte[] body = request(100_000, "pin-" + i).getBytes(StandardCharsets.UTF_8);
            digest.update(compressVia(pool, handOff, headroom, body, new long[1]));
        }
        System.out.println("output sha-256 of 20 fixed requests: " + java.util.HexFormat.of().formatHex(
                digest.digest()));
        for (int round = 0; round < rounds; round++) {
            // Fresh content each round: the store and memo never saw these bodies.
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                bodies.add(request(100_000, "r" + round + "-" + i).getBytes(StandardCharsets.UTF_8));
            }
            long[] cpu = new long[200];
            long[] wall = new long[200];
            // -Dbench.oncpuGapMs=N waits N ms before each request, so it runs cold as in paced use
            long gap = Long.getLong("bench.oncpuGapMs", 0);
            for (int i = 0; i < 300; i++) {
                if (gap > 0 && i >= 100) {
                    Thread.sleep(gap);
                }
                long w0 = System.nanoTime();
                long[] cpuOut = new long[1];
                compressVia(pool, handOff, headroom, bodies.get(i), cpuOut);
                long t = cpuOut[0];
                if (i >= 100) {
                    cpu[i - 100] = t;
                    wall[i - 100] = System.nanoTime() - w0;
                }
            }
            Arrays.sort(cpu);
            Arrays.sort(wall);
            // Content detection alone, on the same kind of tool output (the log inside the body).
            io.headroom4j.route.ContentDetector detector = io.headroom4j.route.ContentRouter.builder().build()
                    .detector();
            long[] detect = new long[200];
            for (int i = 0; i < 300; i++) {
                String log = TestProxies.JSON.readTree(bodies.get(i)).at("/messages/2/content/0/content").asText();
                long t0 = threads.getCurrentThreadCpuTime();
                detector.detect(log);
                long t = threads.getCurrentThreadCpuTime() - t0;
                if (i >= 100) {
                    detect[i - 100] = t;
                }
            }
            Arrays.sort(detect);
            System.out.printf(Locale.ROOT, "round %d: on-path CPU p50 %.2f ms, p90 %.2f ms, wall p50 %.2f ms (%d KiB"
                    + " body); detection alone p50 %.3f ms; load %s%n", round, ms(pct(cpu, 50)), ms(pct(cpu, 90)),
                    ms(pct(wall, 50)), bodies.get(0).length / 1024, ms(pct(detect, 50)), loadAverage());
        }
        if (pool != null) {
            pool.shutdown();
        }
    }

    /**
     * Compresses {@code body} on this thread ({@code pool} null) or, as the proxy does, on a pool thread while
     * this one parks ({@code handOff} "park") or helps ({@code "help"}); {@code cpuOut[0]} gets the compressing
     * thread's CPU nanos.
     */
    static byte[] compressVia(java.util.concurrent.ExecutorService pool, String handOff,
                              io.headroom4j.Headroom headroom, byte[] body, long[] cpuOut) throws Exception {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.concurrent.Callable<byte[]> task = () -> {
            long t0 = threads.getCurrentThreadCpuTime();
            byte[] out = headroom.compressDeferringCounts(body, io.headroom4j.message.RequestFormat.ANTHROPIC_MESSAGES)
                    .body();
            cpuOut[0] = threads.getCurrentThreadCpuTime() - t0;
            return out;
        };
        if (pool == null) {
            return task.call();
        }
        io.headroom4j.internal.SideWork side = handOff.equals("help") ? new io.headroom4j.internal.SideWork() : null;
        java.util.concurrent.Future<byte[]> f = pool.submit(side == null ? task : () -> side.run(() -> {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        if (side != null) {
            side.help(f, 20_000_000L);
        }
        return f.get();
    }

    /** Where the time of a 100K-token request goes inside the proxy: scan, compression, the rest. */
    static void probe(HeadroomProxy proxy) throws Exception {
        String big = request(100_000, "fixed");
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 3; round++) {
            long[] scan = new long[50];
            long[] over = new long[50];
            for (int i = 0; i < 50; i++) {
                long t0 = System.nanoTime();
                RequestInfo.scan(bytes);
                scan[i] = System.nanoTime() - t0;
                HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(proxy.uri() + "/v1/messages"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                over[i] = (long) (Double.parseDouble(r.headers().firstValue("x-headroom-overhead-ms").orElse("0"))
                        * 1e6);
            }
            Arrays.sort(scan);
            Arrays.sort(over);
            System.out.printf(Locale.ROOT, "100K request: scan p50 %.2f ms, compression p50 %.2f ms%n",
                    ms(pct(scan, 50)), ms(pct(over, 50)));
        }
    }

    static void compare(String label, String direct, String proxied, String body, int concurrency, int requests,
                        boolean unique) throws Exception {
        long cpu0 = processCpuNanos();
        long[][] d = runBoth(direct, body, concurrency, requests, unique);
        long cpu1 = processCpuNanos();
        long[][] p = runBoth(proxied, body, concurrency, requests, unique);
        long cpu2 = processCpuNanos();
        // CPU time of the whole JVM (clients, fake provider, proxy) per request: what the proxy adds to it does
        // not depend on how many other jobs share the machine, unlike wall-clock latency.
        double cpuDirect = ms(cpu1 - cpu0) / requests;
        double cpuProxied = ms(cpu2 - cpu1) / requests;
        String[] what = {"first byte", "whole stream"};
        for (int k = 0; k < 2; k++) {
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %s |%n", label,
                    concurrency, what[k], ms(pct(d[k], 50)), ms(pct(d[k], 99)), ms(pct(p[k], 50)), ms(pct(p[k], 99)),
                    ms(pct(p[k], 50) - pct(d[k], 50)), ms(pct(p[k], 99) - pct(d[k], 99)), k == 1 ? "" : String.format(
                            Locale.ROOT, "%.2f / %.2f / %.2f", cpuDirect, cpuProxied, cpuProxied - cpuDirect));
        }
    }

    static long[] run(String base, String body, int concurrency, int requests, boolean unique) throws Exception {
        return runBoth(base, body, concurrency, requests, unique)[1];
    }

    /**
     * Sends {@code requests} streaming requests, {@code concurrency} at a time; returns sorted latencies (ns)
     * to the first body byte and to the end of the stream, and the proxy's {@code x-headroom-overhead-ms}.
     */
    static long[][] runBoth(String base, String body, int concurrency, int requests, boolean unique)
            throws Exception {
        return runBoth(base, body, concurrency, requests, unique, 0, Map.of());
    }

    /**
     * {@link #runBoth(String, String, int, int, boolean)} with extra request headers, and client {@code w}
     * starting {@code w * staggerNanos / concurrency} after the first, so streams that last about
     * {@code staggerNanos} overlap evenly instead of all starting (and compressing) at the same instant.
     */
    static long[][] runBoth(String base, String body, int concurrency, int requests, boolean unique,
                            long staggerNanos, Map<String, String> headers) throws Exception {
        long[] lat = new long[requests];
        long[] first = new long[requests];
        long[] overhead = new long[requests];   // the proxy's x-headroom-overhead-ms (on-path compression), in ns
        AtomicLong next = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                long delay = staggerNanos * w / concurrency;
                fs.add(pool.submit(() -> {
                    Thread.sleep(Duration.ofNanos(delay));
                    long i;
                    while ((i = next.getAndIncrement()) < requests) {
                        String b = unique ? body.replace("req=fixed", "req=" + SALT.incrementAndGet() + "x") : body;
                        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                                .header("content-type", "application/json").header("x-api-key", "bench");
                        headers.forEach(rb::header);
                        HttpRequest req = rb.POST(HttpRequest.BodyPublishers.ofString(b)).build();
                        long t0 = System.nanoTime();
                        HttpResponse<InputStream> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofInputStream());
                        try (InputStream in = r.body()) {
                            in.read();
                            first[(int) i] = System.nanoTime() - t0;
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                        lat[(int) i] = System.nanoTime() - t0;
                        overhead[(int) i] = (long) (1e6 * Double.parseDouble(
                                r.headers().firstValue("x-headroom-overhead-ms").orElse("0")));
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("status " + r.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
        Arrays.sort(lat);
        Arrays.sort(first);
        Arrays.sort(overhead);
        return new long[][] {first, lat, overhead};
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double ms(long ns) {
        return ns / 1e6;
    }

    /** 64 concurrent streams for {@code seconds}: every stream must arrive byte-identical; RSS sampled. */
    static void soak(FakeUpstream up, HeadroomProxy proxy, String stream, int seconds) throws Exception {
        byte[] expected = stream.getBytes(StandardCharsets.UTF_8);
        String small = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hello\"}]}";
        AtomicLong ok = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < 64; w++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            HttpRequest req = HttpRequest.newBuilder(URI.create(proxy.uri() + "/v1/messages"))
                                    .header("content-type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(small)).build();
                            byte[] got = CLIENT.send(req, HttpResponse.BodyHandlers.ofByteArray()).body();
                            bytes.addAndGet(got.length);
                            if (Arrays.equals(got, expected)) {
                                ok.incrementAndGet();
                            } else {
                                bad.incrementAndGet();
                            }
                        } catch (IOException | InterruptedException e) {
                            bad.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            long last = ok.get();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                long now = ok.get();
                System.gc();
                long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
                System.out.printf(Locale.ROOT, "t=%4ds streams/s=%6.0f ok=%d bad=%d rss=%d MiB heap-after-gc=%d MiB%n",
                        (System.nanoTime() - start) / 1_000_000_000L, (now - last) / 10.0, now, bad.get(), rssMiB(), heap);
                last = now;
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "soak: %d streams in %.0f s (%.0f streams/s, %.1f MB/s of SSE), %d bad%n",
                ok.get(), secs, ok.get() / secs, bytes.get() / secs / 1e6, bad.get());
        System.out.println(proxy.statsJson().substring(0, Math.min(300, proxy.statsJson().length())));
        System.out.println("uptime " + ManagementFactory.getRuntimeMXBean().getUptime() / 1000 + " s");
    }

    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
