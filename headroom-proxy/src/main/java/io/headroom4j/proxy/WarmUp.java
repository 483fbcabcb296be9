package io.headroom4j.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import io.headroom4j.CompressionResult;
import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.message.RequestFormat;
import io.headroom4j.message.RetrieveTool;
import io.headroom4j.proxy.http.BlockingHttpClient;
import io.headroom4j.proxy.http.BlockingHttpServer;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.store.SqliteCompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * The proxy's warm-up: right after it starts, a background thread runs the request path over built-in synthetic
 * requests, so a user's first requests do not pay for class loading and interpreted code (measured: the first new
 * 100K-token request added ~0.4-0.55 s to its first byte, the next nine ~30 ms each; BENCHMARKS.md, session 8).
 *
 * <p>What it runs, in rounds: the tokenizers; compression (its own {@link Headroom} with the proxy's settings over
 * a store of its own, written behind as the proxy writes and then thrown away: a temporary SQLite file when the
 * proxy's store is SQLite, else memory), token counts, the proxy's request
 * scan and retrieve-tool splice of synthetic Anthropic, OpenAI Chat and Responses requests whose tool results are
 * a log, JSON, grep matches, a diff, build output and source code; and one round trip over loopback through a
 * private instance of the proxy's own HTTP server and client, its response relayed as a stream. Every input is
 * generated here, new content each round (so each round compresses, as first-seen content does): no user data is
 * read, and nothing reaches the proxy's store, ledger or statistics.
 *
 * <p>It stops at the end of a round once a model request arrives (so it competes with real traffic for at most one
 * step), when the proxy closes, after {@link #MAX_ROUNDS} rounds or after {@link #MAX_WALL} of wall time. Failures
 * are logged at debug level and end it: a warm-up never affects the proxy's behaviour, only how soon its code is
 * compiled. Turned off with {@code ProxyConfig.warmUp(false)} ({@code --no-warm-up}, {@code HEADROOM_WARMUP=false}).
 */
final class WarmUp implements Runnable {

    /**
     * Rounds at most: 6 (property {@code headroom.warmup.rounds}); 12 or 24 rounds made the first request no faster
     * and cost two to three times the CPU (BENCHMARKS.md, session 8).
     */
    static final int MAX_ROUNDS = Integer.getInteger("headroom.warmup.rounds", 6);
    /** Wall time at most, whatever the rounds (a busy machine). */
    static final Duration MAX_WALL = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());

    private final HeadroomConfig config;
    private final boolean sqlite;
    private final BooleanSupplier stop;
    private volatile int rounds;

    /**
     * A warm-up with the proxy's compression settings that ends early once {@code stop} says so; {@code sqlite}
     * true when the proxy's store is a SQLite file (the warm-up then writes a throwaway one of its own).
     */
    WarmUp(HeadroomConfig config, boolean sqlite, BooleanSupplier stop) {
        this.config = config;
        this.sqlite = sqlite;
        this.stop = stop;
    }

    /** Rounds completed so far. */
    int rounds() {
        return rounds;
    }

    @Override
    public void run() {
        long end = System.nanoTime() + MAX_WALL.toNanos();
        // The tokenizers first, whatever happens: the first request would otherwise pay ~0.5 s to load them.
        TokenCounters.o200k().count("warm up");
        TokenCounters.cl100k().count("warm up");
        if (stop.getAsBoolean()) {
            return;
        }
        Path dir = null;
        CompressionStore behind;
        if (sqlite) {
            // The same JDBC and SQLite code as the proxy's store, on a throwaway file: the user's store is never
            // read or written.
            try {
                dir = Files.createTempDirectory("headroom-warm-up");
                behind = SqliteCompressionStore.open(dir.resolve("warm-up.db"), Duration.ofMinutes(5));
            } catch (IOException | RuntimeException e) {
                behind = new InMemoryCompressionStore(Duration.ofMinutes(5), 64L << 20);
            }
        } else {
            behind = new InMemoryCompressionStore(Duration.ofMinutes(5), 64L << 20);
        }
        WriteBehindStore store = new WriteBehindStore(behind);
        try (BlockingHttpClient client = new BlockingHttpClient(Duration.ofSeconds(2), 1, Duration.ofSeconds(30))) {
            Headroom headroom = Headroom.create(config, store);
            BlockingHttpServer server = loopbackServer();
            try {
                URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/messages");
                for (int round = 0; round < MAX_ROUNDS && System.nanoTime() < end; round++) {
                    String salt = "w" + round;
                    // Checked before each step: a model request waits for at most the step in flight.
                    if (stop.getAsBoolean()) {
                        break;
                    }
                    roundTrip(client, uri, anthropic(salt, List.of(log(salt, 300))));
                    if (stop.getAsBoolean()) {
                        break;
                    }
                    compress(headroom, RequestFormat.ANTHROPIC_MESSAGES, anthropic(salt, mixed(salt)));
                    if (stop.getAsBoolean()) {
                        break;
                    }
                    compress(headroom, RequestFormat.OPENAI_CHAT, openAiChat(salt, mixed(salt)));
                    if (stop.getAsBoolean()) {
                        break;
                    }
                    compress(headroom, RequestFormat.OPENAI_RESPONSES, responses(salt, mixed(salt)));
                    if (stop.getAsBoolean()) {
                        break;
                    }
                    compress(headroom, RequestFormat.ANTHROPIC_MESSAGES, anthropic(salt, List.of(log(salt, 2_400))));
                    rounds = round + 1;
                }
            } finally {
                server.stop(0);
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            LOG.log(System.Logger.Level.DEBUG, "warm-up ended early: {0}", e.toString());
        } finally {
            store.close();
            behind.close();
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete the warm-up store {0}: {1}", dir, e.toString());
        }
    }

    /** What the proxy does with a request before it goes upstream: compress, count, scan, add the retrieve tool. */
    private static void compress(Headroom headroom, RequestFormat format, String request) {
        byte[] body = request.getBytes(StandardCharsets.UTF_8);
        RequestInfo.scan(body);
        CompressionResult.Pending p = headroom.compressDeferringCounts(body, format);
        JsonSplice.appendToArray(p.body(), "tools", List.of(RetrieveTool.definition(format)));
        p.result();
    }

    /** One request over loopback through the proxy's own HTTP server and client; the answer relayed as a stream. */
    private static void roundTrip(BlockingHttpClient client, URI uri, String request) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).version(HttpClient.Version.HTTP_1_1)
                .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                .method("POST", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<InputStream> resp = client.send(req, request.getBytes(StandardCharsets.UTF_8), () -> { });
        try (InputStream in = resp.body()) {
            new StreamRelay.Anthropic(bytes -> { }, call -> new RetrieveTool.Answer("", false)).relay(in, false);
        }
    }

    /** A private server on a loopback port of its own that reads the body and answers with a short SSE stream. */
    private static BlockingHttpServer loopbackServer() throws IOException {
        BlockingHttpServer server = BlockingHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                0), 4, BlockingHttpServer.Limits.defaults());
        byte[] stream = anthropicStream().getBytes(StandardCharsets.UTF_8);
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream os = ex.getResponseBody();
            int step = Math.max(1, stream.length / 8);
            for (int i = 0; i < stream.length; i += step) {
                os.write(stream, i, Math.min(step, stream.length - i));
                os.flush();
            }
            ex.close();
        });
        server.start();
        return server;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Synthetic content: deterministic, shaped like real tool output, different for each salt.

    /** An application log: mostly INFO request lines, a warning now and then, and one error with a stack trace. */
    static String log(String salt, int lines) {
        StringBuilder sb = new StringBuilder(lines * 100);
        for (int i = 0; i < lines; i++) {
            sb.append("2026-03-").append(10 + i % 18).append('T').append(10 + i % 13).append(':')
                    .append(10 + i % 50).append(':').append(10 + i * 7 % 50).append('.').append(100 + i % 900)
                    .append('Z');
            if (i == lines / 2) {
                sb.append(" ERROR worker-").append(i % 8).append(" job ").append(salt).append('-').append(i)
                        .append(" failed: java.lang.IllegalStateException: queue closed\n")
                        .append("\tat com.example.jobs.Queue.take(Queue.java:88)\n")
                        .append("\tat com.example.jobs.Worker.run(Worker.java:41)\n")
                        .append("\tat java.base/java.lang.Thread.run(Thread.java:1583)\n");
            } else if (i % 97 == 13) {
                sb.append(" WARN  pool-").append(i % 4).append(" slow response from db-").append(i % 3)
                        .append(": ").append(200 + i % 700).append(" ms (req ").append(salt).append('-').append(i)
                        .append(")\n");
            } else {
                sb.append(" INFO  http GET /api/v2/items/").append(i * 31 % 100_000).append(" status=200 dur=")
                        .append(i % 97).append("ms req=").append(salt).append('-').append(i).append('\n');
            }
        }
        return sb.toString();
    }

    /** Tool results of several kinds: JSON records, grep matches, a diff, build output, Java and Python source. */
    static List<String> mixed(String salt) {
        return List.of(json(salt, 300), grep(salt, 400), diff(salt, 12), build(salt, 300), java(salt, 40),
                python(salt, 40), log(salt, 300));
    }

    static String json(String salt, int items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"item-").append(salt)
                    .append('-').append(i).append("\",\"status\":\"").append(i % 50 == 7 ? "error" : "ok")
                    .append("\",\"owner\":\"team-").append(i % 5).append("\",\"tags\":[\"a\",\"b").append(i % 3)
                    .append("\"],\"updated\":\"2026-03-").append(10 + i % 18).append("T08:00:00Z\",\"size\":")
                    .append(i * 37 % 4096).append('}');
        }
        return sb.append(']').toString();
    }

    static String grep(String salt, int matches) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < matches; i++) {
            sb.append("src/main/java/com/example/service/Service").append(i % 23).append(".java:").append(10 + i * 7)
                    .append(":        return repository.findById(id").append(i % 4 == 0 ? ", " + salt : "")
                    .append(").orElseThrow();\n");
        }
        return sb.toString();
    }

    static String diff(String salt, int hunks) {
        StringBuilder sb = new StringBuilder("diff --git a/src/app/Main.java b/src/app/Main.java\n")
                .append("index 3f2a1c0..9b8e7d6 100644\n--- a/src/app/Main.java\n+++ b/src/app/Main.java\n");
        for (int h = 0; h < hunks; h++) {
            int line = 10 + h * 40;
            sb.append("@@ -").append(line).append(",7 +").append(line).append(",8 @@ class Main {\n");
            for (int k = 0; k < 3; k++) {
                sb.append("     int value").append(h).append(k).append(" = compute(").append(k).append(");\n");
            }
            sb.append("-    log.info(\"old ").append(salt).append(' ').append(h).append("\");\n");
            sb.append("+    log.info(\"new ").append(salt).append(' ').append(h).append("\");\n");
            sb.append("+    metrics.increment(\"main.").append(h).append("\");\n");
            for (int k = 0; k < 3; k++) {
                sb.append("     total += value").append(h).append(k).append(";\n");
            }
        }
        return sb.toString();
    }

    static String build(String salt, int lines) {
        StringBuilder sb = new StringBuilder("[INFO] Scanning for projects...\n[INFO] Building app 1.0-SNAPSHOT\n");
        for (int i = 0; i < lines; i++) {
            sb.append("[INFO] Running com.example.Test").append(i).append("\n[INFO] Tests run: ").append(1 + i % 9)
                    .append(", Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.0").append(i % 90)
                    .append(" s - in com.example.Test").append(i).append('\n');
        }
        sb.append("[ERROR] Failures:\n[ERROR]   OrderTest.totals:42 expected: <").append(salt.length())
                .append("> but was: <0>\n[ERROR] Tests run: ").append(lines * 5)
                .append(", Failures: 1, Errors: 0, Skipped: 0\n[INFO] BUILD FAILURE\n");
        return sb.toString();
    }

    static String java(String salt, int methods) {
        StringBuilder sb = new StringBuilder("package com.example.orders;\n\nimport java.util.List;\n"
                + "import java.util.Map;\n\n/** Orders. */\npublic final class Orders {\n");
        for (int i = 0; i < methods; i++) {
            sb.append("\n    /** Totals of batch ").append(i).append(". */\n    public long total").append(i)
                    .append("(List<Long> items, Map<String, Long> fees) {\n        long sum = 0;\n")
                    .append("        for (long item : items) {\n            sum += item * ").append(i + 1)
                    .append(";\n        }\n        return sum + fees.getOrDefault(\"").append(salt)
                    .append("\", 0L);\n    }\n");
        }
        return sb.append("}\n").toString();
    }

    static String python(String salt, int functions) {
        StringBuilder sb = new StringBuilder("import os\nimport sys\n\n");
        for (int i = 0; i < functions; i++) {
            sb.append("\ndef handle_").append(i).append("(event, context):\n    \"\"\"Handles event kind ")
                    .append(i).append(".\"\"\"\n    total = 0\n    for item in event.get('items', []):\n")
                    .append("        total += item['value'] * ").append(i + 1).append("\n    return {'kind': '")
                    .append(salt).append("', 'total': total}\n");
        }
        return sb.toString();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Requests in the three formats, each with a conversation around the tool results.
    // The tool results all answer the last assistant turn: they are the live zone that cache mode compresses.

    static String anthropic(String salt, List<String> results) {
        StringBuilder sb = new StringBuilder("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,"
                + "\"system\":\"You are a careful engineer.\",\"tools\":[{\"name\":\"Bash\",\"description\":\"Runs a"
                + " command\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"command\":{\"type\":"
                + "\"string\"}}}}],\"messages\":[{\"role\":\"user\",\"content\":\"What failed in ")
                .append(salt).append("?\"},{\"role\":\"assistant\",\"content\":[");
        for (int i = 0; i < results.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"type\":\"tool_use\",\"id\":\"toolu_").append(i)
                    .append("\",\"name\":\"Bash\",\"input\":{\"command\":\"step ").append(i).append("\"}}");
        }
        sb.append("]},{\"role\":\"user\",\"content\":[");
        for (int i = 0; i < results.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_").append(i)
                    .append("\",\"content\":").append(quoted(results.get(i))).append('}');
        }
        return sb.append("]}]}").toString();
    }

    static String openAiChat(String salt, List<String> results) {
        StringBuilder sb = new StringBuilder("{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":"
                + "\"system\",\"content\":\"You are a careful engineer.\"},{\"role\":\"user\",\"content\":\"Why ")
                .append(salt).append("?\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[");
        for (int i = 0; i < results.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"call_").append(i)
                    .append("\",\"type\":\"function\",\"function\":{\"name\":\"bash\",\"arguments\":\"{}\"}}");
        }
        sb.append("]}");
        for (int i = 0; i < results.size(); i++) {
            sb.append(",{\"role\":\"tool\",\"tool_call_id\":\"call_").append(i).append("\",\"content\":")
                    .append(quoted(results.get(i))).append('}');
        }
        return sb.append("]}").toString();
    }

    static String responses(String salt, List<String> results) {
        StringBuilder sb = new StringBuilder("{\"model\":\"gpt-4.1\",\"stream\":true,\"input\":[{\"role\":\"user\","
                + "\"content\":\"Why ").append(salt).append("?\"}");
        for (int i = 0; i < results.size(); i++) {
            sb.append(",{\"type\":\"function_call\",\"call_id\":\"call_").append(i)
                    .append("\",\"name\":\"bash\",\"arguments\":\"{}\"}");
        }
        for (int i = 0; i < results.size(); i++) {
            sb.append(",{\"type\":\"function_call_output\",\"call_id\":\"call_").append(i)
                    .append("\",\"output\":").append(quoted(results.get(i))).append('}');
        }
        return sb.append("]}").toString();
    }

    private static String anthropicStream() {
        StringBuilder sb = new StringBuilder();
        event(sb, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_warm\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}");
        event(sb, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                + "{\"type\":\"text\",\"text\":\"\"}}");
        for (int i = 0; i < 8; i++) {
            event(sb, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"text_delta\",\"text\":\"word " + i + " \"}}");
        }
        event(sb, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        event(sb, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":9}}");
        event(sb, "message_stop", "{\"type\":\"message_stop\"}");
        return sb.toString();
    }

    private static void event(StringBuilder sb, String name, String data) {
        sb.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
    }

    /** {@code s} as a JSON string literal. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
